using IrOperator.Resources;
using IrOperator.Tests.Runtime.Support;
using static IrOperator.Tests.Controllers.ResponderRoles.Roles;
using SandboxProvisioner = IrOperator.Sandbox.Aws.Organizations.ProvisionerRole;

namespace IrOperator.Tests.Controllers.ResponderRoles;

/// <summary>
/// Permissions boundaries against the AWS setup the project ships (docs/aws-setup.md): in two member accounts the
/// provisioner carries deploy/aws/provisioner-role.yaml's own ManageResponderRoles policy (EnforceBoundary=true:
/// CreateRole only with iam:PermissionsBoundary equal to that account's IrOperatorResponderBoundary) and the
/// boundary policy exists. One ResponderRole across both accounts gets each account's own boundary, through the
/// operator's default or the {accountId} placeholder; without either, the shipped condition refuses CreateRole.
/// </summary>
public sealed class ResponderRoleBoundaryTests(ResponderRoleFixture fixture) : IClassFixture<ResponderRoleFixture>
{
    private const string PerAccount = "arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary";

    [Fact]
    public async Task The_default_boundary_gives_a_role_across_two_accounts_each_accounts_own_boundary_which_the_shipped_provisioner_accepts()
    {
        await ShipProvisionerAsync();
        var options = ResponderRoleFixture.FastOptions();
        options.DefaultPermissionsBoundary = PerAccount;
        await using var op = fixture.StartOperator(options);
        await fixture.CreateAsync(New("bounded", Prod, Dev));
        var name = IamName("bounded");

        foreach (var account in new[] { Prod, Dev })
        {
            var role = await fixture.IamAsync(account, name, r => r is not null && r.Role.PermissionsBoundaryArn is not null);
            role!.Role.PermissionsBoundaryArn.Should().Be(ShippedProvisioner.BoundaryArn(account));
        }
        await fixture.StatusAsync("bounded", r => r.Status?.AccountsReady == "2/2");
    }

    [Fact]
    public async Task Without_a_default_a_role_naming_no_boundary_is_refused_by_the_shipped_provisioner_and_the_placeholder_is_accepted()
    {
        await ShipProvisionerAsync();
        await using var op = fixture.StartOperator();
        await fixture.CreateAsync(New("unbounded", Prod, Dev));
        var placeholder = New("placeholder", Prod, Dev);
        placeholder.Spec.PermissionsBoundaryArn = PerAccount;
        await fixture.CreateAsync(placeholder);

        var refused = await fixture.StatusAsync("unbounded", r => r.Status?.Accounts?.Count == 2 && r.Status.Accounts.All(a => a.State == RoleAccountState.Error));
        refused.Status!.Accounts!.Should().OnlyContain(a => a.Message!.Contains("AccessDenied", StringComparison.Ordinal) && a.Message.Contains("CreateRole", StringComparison.Ordinal));
        fixture.Aws.Role(Prod, IamName("unbounded")).Should().BeNull();

        foreach (var account in new[] { Prod, Dev })
        {
            var role = await fixture.IamAsync(account, IamName("placeholder"), r => r is not null && r.Role.PermissionsBoundaryArn is not null);
            role!.Role.PermissionsBoundaryArn.Should().Be(ShippedProvisioner.BoundaryArn(account));
        }
        await fixture.StatusAsync("placeholder", r => r.Status?.AccountsReady == "2/2");
    }

    /// <summary>
    /// In Prod and Dev: the boundary policy, and the provisioner's write permissions replaced by the shipped policy
    /// (its reads stay: the sandbox's read statement on every role); waits until IAM shows the change.
    /// </summary>
    private async Task ShipProvisionerAsync()
    {
        foreach (var account in new[] { Prod, Dev })
        {
            var iam = fixture.Aws.State.Account(account)!;
            lock (iam.Sync)
            {
                if (iam.PolicyNamed(ShippedProvisioner.BoundaryName) is not null)
                {
                    continue;
                }
                var json = ShippedProvisioner.BoundaryPolicy(account);
                var now = fixture.Aws.State.Now;
                iam.WritePolicy(ShippedProvisioner.BoundaryName, new IrOperator.Sandbox.Aws.Iam.ManagedPolicy(
                    ShippedProvisioner.BoundaryArn(account), ShippedProvisioner.BoundaryName, ShippedProvisioner.BoundaryPath,
                    "ANPABOUNDARY" + account, "IrOperator responder boundary", now, now, "v1",
                    [new IrOperator.Sandbox.Aws.Iam.ManagedPolicyVersion("v1", json, IrOperator.Sandbox.Aws.Policy.PolicyDocument.Parse(json), now)], []));
            }

            var admin = fixture.Outsider(account);
            await admin.PutRolePolicyAsync(SandboxProvisioner.Name, ShippedProvisioner.PermissionsPolicyName, ShippedProvisioner.PermissionsPolicy(account), CancellationToken.None);
            await admin.PutRolePolicyAsync(SandboxProvisioner.Name, SandboxProvisioner.PermissionsPolicyName, ReadOnlyProvisioner, CancellationToken.None);
            await Eventually.HoldsAsync(
                () => Task.FromResult(fixture.Aws.State.VisibleRole(account, SandboxProvisioner.Name) is { } role
                    && role.InlinePolicies.ContainsKey(ShippedProvisioner.PermissionsPolicyName)
                    && !role.InlinePolicies[SandboxProvisioner.PermissionsPolicyName].Json.Contains("iam:CreateRole", StringComparison.Ordinal)),
                ResponderRoleFixture.Deadline,
                () => $"the provisioner in {account} does not show the shipped policy yet");
        }
    }

    /// <summary>The sandbox provisioner's reads only (on every role, so a missing role reads NoSuchEntity); writes come from the shipped policy.</summary>
    private const string ReadOnlyProvisioner = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "ReadRoles", "Effect": "Allow",
          "Action": ["iam:GetRole", "iam:ListRoles", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoleTags"],
          "Resource": "*"}]}
        """;
}
