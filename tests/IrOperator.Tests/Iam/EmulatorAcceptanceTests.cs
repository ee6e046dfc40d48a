using IrOperator.Iam.Desired;
using IrOperator.Iam.Presets;
using IrOperator.Resources;
using EmulatorPolicy = IrOperator.Sandbox.Aws.Policy.PolicyDocument;

namespace IrOperator.Tests.Iam;

/// <summary>Every document the operator builds passes the AWS emulator's IAM rules for its use (trust or identity).</summary>
public class EmulatorAcceptanceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(RolePreset.SecurityAnalyst)]
    [InlineData(RolePreset.ForensicInvestigator)]
    [InlineData(RolePreset.IncidentCommander)]
    public void Preset_policies_are_valid_identity_policies(RolePreset preset)
    {
        foreach (var document in Presets.For(preset, new PresetOptions()).Values)
        {
            FluentActions.Invoking(() => EmulatorPolicy.Parse(document.ToJson()).ValidateAsIdentityPolicy()).Should().NotThrow();
        }
    }

    [Fact]
    public void Trust_policies_are_valid_trust_policies()
    {
        var grant = new GrantTrust("uid", "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*", "alice", Start, Start.AddHours(2));
        var standing = new StandingTrust(["arn:aws:iam::444455556666:role/responder", "arn:aws:iam::777788889999:user/bob"]);
        foreach (var document in new[] { TrustPolicies.Build(null, []), TrustPolicies.Build(standing, []), TrustPolicies.Build(null, [grant]), TrustPolicies.Build(standing, [grant]) })
        {
            FluentActions.Invoking(() => EmulatorPolicy.Parse(document.ToJson()).ValidateAsTrustPolicy()).Should().NotThrow(document.ToJson());
        }
    }

    [Fact]
    public void The_end_of_access_policy_is_a_valid_identity_policy() =>
        FluentActions.Invoking(() => EmulatorPolicy.Parse(EndOfAccessPolicy.Build([new EndOfAccess("alice", Start), new EndOfAccess("bob", Start)])!.ToJson()).ValidateAsIdentityPolicy())
            .Should().NotThrow();
}
