using IrOperator.Controllers.ResponderRoles;
using IrOperator.Iam.Desired;
using static IrOperator.Tests.Iam.RoleFixtures;

namespace IrOperator.Tests.Iam;

/// <summary>
/// The boundary a role gets in each account: the placeholder {accountId}, the operator's default, and which wins
/// (docs/responder-roles.md, "Permissions boundary").
/// </summary>
public class PermissionsBoundaryTests
{
    private const string PerAccount = "arn:aws:iam::{accountId}:policy/iroperator/IrOperatorResponderBoundary";

    [Fact]
    public void The_placeholder_becomes_the_account_the_role_is_built_for()
    {
        var role = Standing("analyst", spec => spec.PermissionsBoundaryArn = PerAccount);

        Boundary(role, Options with { AccountId = "111111111111" }).Should().Be("arn:aws:iam::111111111111:policy/iroperator/IrOperatorResponderBoundary");
        Boundary(role, Options with { AccountId = "222222222222" }).Should().Be("arn:aws:iam::222222222222:policy/iroperator/IrOperatorResponderBoundary");
    }

    [Theory]
    [InlineData("arn:aws-us-gov:iam::{accountId}:policy/b", "arn:aws-us-gov:iam::111111111111:policy/b")]
    [InlineData("arn:aws-cn:iam::{accountId}:policy/path/{accountId}/b", "arn:aws-cn:iam::111111111111:policy/path/{accountId}/b")]
    [InlineData("arn:aws:iam::333333333333:policy/b", "arn:aws:iam::333333333333:policy/b")]
    [InlineData("arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess")]
    public void Only_the_account_field_is_replaced_and_the_partition_stays(string written, string resolved) =>
        PermissionsBoundary.Resolve(written, "111111111111").Should().Be(resolved);

    [Fact]
    public void Resolving_for_something_that_is_not_an_account_id_throws() =>
        FluentActions.Invoking(() => PermissionsBoundary.Resolve(PerAccount, "{accountId}")).Should().Throw<ArgumentException>();

    [Fact]
    public void Validating_the_spec_alone_keeps_the_placeholder()
    {
        var result = DesiredRoleBuilder.Build(Standing("analyst", spec => spec.PermissionsBoundaryArn = PerAccount), RoleAccess.None, Options);

        result.IsValid.Should().BeTrue();
        result.Role!.PermissionsBoundaryArn.Should().Be(PerAccount);
    }

    [Fact]
    public void The_default_applies_to_a_role_that_sets_none()
    {
        var role = Standing("analyst", spec => spec.PermissionsBoundaryArn = null);

        Boundary(role, Options with { AccountId = "111111111111", DefaultPermissionsBoundary = PerAccount })
            .Should().Be("arn:aws:iam::111111111111:policy/iroperator/IrOperatorResponderBoundary");
        Boundary(role, Options with { AccountId = "111111111111" }).Should().BeNull("no default, no boundary");
    }

    [Fact]
    public void A_roles_own_boundary_wins_over_the_default()
    {
        var role = Standing("analyst", spec => spec.PermissionsBoundaryArn = "arn:aws:iam::{accountId}:policy/tighter");

        Boundary(role, Options with { AccountId = "111111111111", DefaultPermissionsBoundary = PerAccount })
            .Should().Be("arn:aws:iam::111111111111:policy/tighter");
    }

    [Fact]
    public void A_bad_default_is_reported_under_the_setting_name()
    {
        var result = DesiredRoleBuilder.Build(Standing("analyst", spec => spec.PermissionsBoundaryArn = null), RoleAccess.None,
            Options with { DefaultPermissionsBoundary = "arn:aws:iam::${AWS::AccountId}:policy/b" });

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("responderRoles.defaultPermissionsBoundary");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData(PerAccount, true)]
    [InlineData("arn:aws:iam::111111111111:policy/b", true)]
    [InlineData("arn:aws:iam::${accountId}:policy/b", false)]
    [InlineData("arn:aws:iam::{accountid}:policy/b", false)]
    public void The_operator_checks_its_default_setting_at_start(string? setting, bool valid)
    {
        var errors = new ResponderRoleOptions { DefaultPermissionsBoundary = setting }.Validate();

        if (valid)
        {
            errors.Should().BeEmpty();
        }
        else
        {
            errors.Should().ContainSingle().Which.Should().StartWith("responderRoles.defaultPermissionsBoundary: ");
        }
    }

    private static string? Boundary(IrOperator.Resources.ResponderRole role, DesiredRoleOptions options)
    {
        var result = DesiredRoleBuilder.Build(role, RoleAccess.None, options);
        result.Errors.Should().BeEmpty();
        return result.Role!.PermissionsBoundaryArn;
    }
}
