namespace OssFunding.Worker.Configuration;

/// <summary>
/// A check of the configuration against the outside world (the chain answers with <c>Chain:ChainId</c>, the Safe has
/// code, token <c>decimals()</c> match), run by <c>run</c> after the local options validation and before migrations.
/// Register implementations with <c>services.AddSingleton&lt;IStartupCheck, MyCheck&gt;()</c>; the components that
/// talk to the chain add theirs. Each returns one line per problem, naming the configuration key.
/// </summary>
public interface IStartupCheck
{
    Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken);
}
