// Placeholder entry point replaced by the host issue's Program.cs.
return 0;
