namespace OssFunding.Core.Configuration;

/// <summary>
/// A check of the configuration against the outside world (the RPC answers with <c>Chain:ChainId</c>, the Safe has
/// code, token <c>decimals()</c> match). The worker's <c>run</c> command runs every registered check after the local
/// options validation and before migrations; any problem stops the start with exit code 1.
/// A component that talks to the chain registers its own with <c>services.AddSingleton&lt;IStartupCheck, MyCheck&gt;()</c>;
/// the interface lives in Core so that component need not reference the Worker.
/// </summary>
public interface IStartupCheck
{
    /// <summary>One line per problem, starting with the configuration key (<c>"Chain:ChainId: …"</c>); empty when fine.</summary>
    Task<IReadOnlyList<string>> FindProblemsAsync(CancellationToken cancellationToken);
}
