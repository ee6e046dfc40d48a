using IrOperator.Kube;
using Microsoft.Extensions.Time.Testing;

namespace IrOperator.Tests.Runtime;

public sealed class EventAggregatorTests
{
    private static readonly EventIdentity Denied = new("uid-1", "Warning", "Denied", "role not found");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Repeats_within_the_window_update_one_event_with_a_growing_count()
    {
        var aggregator = new EventAggregator(_time, TimeSpan.FromMinutes(10));

        var first = aggregator.Decide(Denied, "e1");
        _time.Advance(TimeSpan.FromMinutes(9));
        var second = aggregator.Decide(Denied, "e2");
        _time.Advance(TimeSpan.FromMinutes(9));
        var third = aggregator.Decide(Denied, "e3");

        first.Should().Be(new EventDecision("e1", 1, first.FirstSeen, first.FirstSeen, IsNew: true));
        second.IsNew.Should().BeFalse();
        second.Name.Should().Be("e1");
        third.Count.Should().Be(3);
        third.FirstSeen.Should().Be(first.FirstSeen);
        third.LastSeen.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public void A_repeat_after_a_quiet_window_starts_a_new_event()
    {
        var aggregator = new EventAggregator(_time, TimeSpan.FromMinutes(10));
        aggregator.Decide(Denied, "e1");
        _time.Advance(TimeSpan.FromMinutes(10));

        aggregator.Decide(Denied, "e2").Should().Match<EventDecision>(d => d.IsNew && d.Name == "e2" && d.Count == 1);
    }

    [Fact]
    public void Different_message_or_object_is_a_different_event()
    {
        var aggregator = new EventAggregator(_time, TimeSpan.FromMinutes(10));
        aggregator.Decide(Denied, "e1");

        aggregator.Decide(Denied with { Message = "other" }, "e2").IsNew.Should().BeTrue();
        aggregator.Decide(Denied with { ObjectUid = "uid-2" }, "e3").IsNew.Should().BeTrue();
    }

    [Fact]
    public void The_cache_is_bounded_by_evicting_the_least_recent_series()
    {
        var aggregator = new EventAggregator(_time, TimeSpan.FromMinutes(10), capacity: 2);
        aggregator.Decide(Denied with { Reason = "a" }, "a1");
        _time.Advance(TimeSpan.FromSeconds(1));
        aggregator.Decide(Denied with { Reason = "b" }, "b1");
        _time.Advance(TimeSpan.FromSeconds(1));
        aggregator.Decide(Denied with { Reason = "c" }, "c1");

        aggregator.Decide(Denied with { Reason = "a" }, "a2").IsNew.Should().BeTrue("a was evicted");
        aggregator.Decide(Denied with { Reason = "c" }, "c2").IsNew.Should().BeFalse();
    }
}
