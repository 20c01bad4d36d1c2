using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Delivery;

namespace OssFunding.Notifications.Tests.Delivery;

public sealed class ScheduleAndOptionsTests
{
    private static RetrySchedule Schedule(double random, DeliveryOptions? options = null) =>
        new(Options.Create(options ?? new DeliveryOptions()), () => random);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    public void The_delay_doubles_per_attempt_with_at_most_twenty_percent_jitter(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds * 0.8), Schedule(0).DelayAfter(attempts));
        Assert.Equal(TimeSpan.FromSeconds(seconds), Schedule(0.5).DelayAfter(attempts));
        Assert.Equal(TimeSpan.FromSeconds(seconds * 1.2), Schedule(1).DelayAfter(attempts));
    }

    [Fact]
    public void The_delay_is_capped_and_never_shorter_than_a_receivers_Retry_After()
    {
        Assert.Equal(TimeSpan.FromHours(6), Schedule(1).DelayAfter(60));
        Assert.Equal(TimeSpan.FromMinutes(10), Schedule(0.5).DelayAfter(1, retryAfter: TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromHours(6), Schedule(0.5).DelayAfter(1, retryAfter: TimeSpan.FromDays(3)));
    }

    [Fact]
    public void Bad_delivery_settings_are_refused_naming_each_key_and_value()
    {
        var result = new DeliveryOptionsValidator().Validate(null, new DeliveryOptions
        {
            MaxAttempts = 0, FirstRetryDelay = TimeSpan.Zero, RequestTimeout = TimeSpan.FromMinutes(5), BatchSize = -1,
        });

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "Notifications:Delivery:MaxAttempts must be between 1 and 100, got 0",
            "Notifications:Delivery:BatchSize must be between 1 and 10000, got -1",
            "Notifications:Delivery:FirstRetryDelay must be positive, got 00:00:00",
            "Notifications:Delivery:RequestTimeout must not exceed AttemptTimeout (00:00:30), got 00:05:00",
        ], result.Failures);
        Assert.True(new DeliveryOptionsValidator().Validate(null, new DeliveryOptions()).Succeeded);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("https://funding.example.org", true)]
    [InlineData("http://localhost:8080/", true)]
    [InlineData("funding.example.org", false)]
    [InlineData("ftp://funding.example.org", false)]
    [InlineData("https://funding.example.org/?token=x", false)]
    public void The_public_base_url_must_be_an_absolute_http_url(string url, bool valid)
    {
        var result = new DeliveryOptionsValidator().Validate(null, new NotificationsOptions { PublicBaseUrl = url });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Equal($"Notifications:PublicBaseUrl must be an absolute http(s) URL without a query, got '{url}'", Assert.Single(result.Failures!));
        }
    }
}
