namespace OssFunding.Reports.Building;

/// <summary>What was asked for cannot be reported (unknown month or cycle, bad file): the caller's mistake, exit code 1.</summary>
public sealed class ReportInputException(string message) : Exception(message);

/// <summary>
/// The ledger lacks chain facts a report needs (e.g. the block time of a payment, which decides its month) and they
/// could not be read from the chain: a failure, exit code 2. Run again when the chain is reachable.
/// </summary>
public sealed class ReportFactsMissingException(string message) : Exception(message);
