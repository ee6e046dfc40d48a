using System.Text.Json.Nodes;
using IrOperator.Iam.Desired;
using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Tests.Iam;

/// <summary>Builders of ResponderRoles and grant inputs for the IAM model tests.</summary>
internal static class RoleFixtures
{
    public const string Cluster = "test-cluster";
    public const string Responder = "arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*";
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public static DesiredRoleOptions Options { get; } = new() { ClusterId = Cluster };

    public static ResponderRole Standing(string name = "analyst", Action<ResponderRoleSpec>? configure = null)
    {
        var role = new ResponderRole
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new ResponderRoleSpec
            {
                Description = "Read access for analysts",
                Preset = RolePreset.None,
                MaxSessionDuration = "2h",
                Trust = new TrustSpec { Principals = ["arn:aws:iam::222222222222:role/analysts"] },
                InlinePolicies = new Dictionary<string, JsonObject>
                {
                    ["audit"] = (JsonObject)JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"logs:GetLogEvents","Resource":"*"}]}""")!,
                },
                ManagedPolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                Tags = new Dictionary<string, string> { ["team"] = "security" },
            },
        };
        configure?.Invoke(role.Spec);
        return role;
    }

    public static ResponderRole BreakGlass(string name = "forensics", Action<ResponderRoleSpec>? configure = null) =>
        Standing(name, spec =>
        {
            spec.Trust = null;
            spec.BreakGlass = new BreakGlassSpec { Approvers = new Approvers { Users = ["bob"] } };
            configure?.Invoke(spec);
        });

    public static DesiredRole Desired(ResponderRole role, RoleAccess? access = null)
    {
        var result = DesiredRoleBuilder.Build(role, access ?? RoleAccess.None, Options);
        result.IsValid.Should().BeTrue(result.Message);
        return result.Role!;
    }

    public static GrantTrust Grant(string uid, string sourceIdentity = "alice", string principal = Responder) =>
        new(uid, principal, sourceIdentity, Start, Start.AddHours(2));
}
