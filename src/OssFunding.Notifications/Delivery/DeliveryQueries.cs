namespace OssFunding.Notifications.Delivery;

/// <summary>Read side of deliveries, for the API and operators: deliveries of a notice (or all), and counts by status.</summary>
public sealed class DeliveryQueries
{
    private readonly DeliveryStore store;

    internal DeliveryQueries(DeliveryStore store) => this.store = store;

    public Task<IReadOnlyList<DeliveryView>> ListAsync(string? noticeId, CancellationToken cancellationToken) =>
        store.ListAsync(noticeId, cancellationToken);

    public Task<IReadOnlyDictionary<DeliveryStatus, long>> CountByStatusAsync(CancellationToken cancellationToken) =>
        store.CountByStatusAsync(cancellationToken);
}
