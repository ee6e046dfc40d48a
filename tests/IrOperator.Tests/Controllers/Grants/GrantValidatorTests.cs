using IrOperator.Controllers.Grants;
using IrOperator.Resources;
using static IrOperator.Tests.Controllers.Grants.GrantObjects;

namespace IrOperator.Tests.Controllers.Grants;

public sealed class GrantValidatorTests
{
    private static GrantValidation Validate(BreakGlassGrant grant, ResponderRole? role,
        IReadOnlySet<string>? roleAccounts = null, IReadOnlySet<string>? organization = null, bool noRoleAccounts = false, bool noInventory = false) =>
        GrantValidator.Validate(grant, role, noRoleAccounts ? null : roleAccounts ?? RoleAccounts, noInventory ? null : organization ?? Organization,
            SourceIdentityRule.Default);

    [Fact]
    public void A_grant_within_its_role_is_valid_with_its_source_identity_accounts_and_duration()
    {
        var result = Validate(Grant(s => s.RequestedBy = "oidc:alice"), Role());
        result.IsValid.Should().BeTrue(result.Message);
        result.SourceIdentity.Should().Be("alice");
        result.Accounts.Should().Equal(Prod);
        result.Duration.Should().Be(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Without_accounts_a_grant_opens_every_account_of_the_role() =>
        Validate(Grant(s => s.Accounts = null), Role()).Accounts.Should().Equal(Prod, Dev);

    public static TheoryData<string, Func<BreakGlassGrant>, Func<ResponderRole?>, string, string> Invalid => new()
    {
        { "missing role", () => Grant(), () => null, GrantReasons.RoleNotFound, "spec.role: ResponderRole \"forensics\" does not exist" },
        { "standing role", () => Grant(), () => { var r = Role(); r.Spec.BreakGlass = null; r.Spec.Trust = new TrustSpec(); return r; },
            GrantReasons.RoleNotBreakGlass, "spec.role: ResponderRole \"forensics\" has no breakGlass" },
        { "account outside the role", () => Grant(s => s.Accounts = [Prod, "555555555555"]), () => Role(),
            GrantReasons.AccountNotInRole, "spec.accounts: 555555555555 is not among the accounts" },
        { "duration over the maximum", () => Grant(s => s.Duration = "5h"), () => Role(),
            GrantReasons.DurationTooLong, "spec.duration: 5h is longer than the role's breakGlass.maxGrantDuration (4h)" },
        { "principal outside allowedPrincipals", () => Grant(s => s.PrincipalArn = "arn:aws:iam::222222222222:role/mallory"),
            () => Role(b => b.AllowedPrincipals = ["arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Responder_*"]),
            GrantReasons.PrincipalNotAllowed, "spec.principalArn: arn:aws:iam::222222222222:role/mallory is not allowed by the role's breakGlass.allowedPrincipals" },
        { "principal outside the organization", () => Grant(s => s.PrincipalArn = "arn:aws:iam::999999999999:role/outsider"), () => Role(),
            GrantReasons.PrincipalNotAllowed, "spec.principalArn: account 999999999999 is not an account of the organization" },
        { "requester that is no source identity", () => Grant(s => s.RequestedBy = "system:serviceaccount:ir:bot"), () => Role(),
            GrantReasons.InvalidRequester, "spec.requestedBy: \"system:serviceaccount:ir:bot\" contains ':'" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_naming_the_field(string name, Func<BreakGlassGrant> grant, Func<ResponderRole?> role, string reason, string message)
    {
        var result = Validate(grant(), role());
        result.Outcome.Should().Be(GrantValidationOutcome.Invalid, name);
        result.Reason.Should().Be(reason);
        result.Message.Should().StartWith(message);
    }

    [Fact]
    public void A_principal_allowed_by_a_pattern_is_valid_even_outside_the_known_organization()
    {
        var role = Role(b => b.AllowedPrincipals = ["arn:aws:iam::999999999999:role/*"]);
        Validate(Grant(s => s.PrincipalArn = "arn:aws:iam::999999999999:role/partner-ir"), role).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Waits_for_the_roles_accounts_before_judging_the_grants_accounts()
    {
        var result = Validate(Grant(), Role(), noRoleAccounts: true);
        result.Outcome.Should().Be(GrantValidationOutcome.Waiting);
        result.Reason.Should().Be(GrantReasons.WaitingForRole);
    }

    [Fact]
    public void Waits_for_the_inventory_only_when_the_default_principal_rule_needs_it()
    {
        Validate(Grant(), Role(), noInventory: true).Reason.Should().Be(GrantReasons.WaitingForInventory);
        Validate(Grant(), Role(b => b.AllowedPrincipals = ["arn:aws:iam::222222222222:role/*"]), noInventory: true).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_one_minute_grant_is_valid_when_the_role_allows_it() =>
        Validate(Grant(s => s.Duration = "1m"), Role(b => b.MaxGrantDuration = "5m")).Duration.Should().Be(TimeSpan.FromMinutes(1));
}
