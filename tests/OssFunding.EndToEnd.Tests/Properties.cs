// Each test runs one or two worker processes and its own anvil; on a two-core machine they run one at a time so that
// timings (polls, confirmations) stay far from every timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
