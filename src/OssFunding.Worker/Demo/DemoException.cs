namespace OssFunding.Worker.Demo;

/// <summary>A demo step did not reach its goal; the message says which and what the worker answered.</summary>
internal sealed class DemoException(string message, Exception? inner = null) : Exception(message, inner);
