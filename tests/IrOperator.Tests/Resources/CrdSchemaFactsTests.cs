using IrOperator.Resources;
using k8s.Models;

namespace IrOperator.Tests.Resources;

/// <summary>Pins what the CRDs promise, so a change to the types that weakens a rule shows up here by name.</summary>
public class CrdSchemaFactsTests
{
    [Fact]
    public void ResponderRole_is_cluster_scoped_with_short_name_rr_in_the_incident_response_category()
    {
        var crd = GeneratedCrds.ResponderRole;
        crd.Metadata.Name.Should().Be("responderroles.iroperator.io");
        crd.Spec.Group.Should().Be("iroperator.io");
        crd.Spec.Scope.Should().Be("Cluster");
        crd.Spec.Names.Plural.Should().Be("responderroles");
        crd.Spec.Names.ShortNames.Should().Equal("rr");
        crd.Spec.Names.Categories.Should().Equal("incident-response");
        crd.Spec.Versions.Should().ContainSingle(v => v.Name == "v1alpha1" && v.Served && v.Storage && v.Subresources.Status != null);
    }

    [Fact]
    public void BreakGlassGrant_is_namespaced_with_short_name_bgg_in_the_incident_response_category()
    {
        var crd = GeneratedCrds.BreakGlassGrant;
        crd.Metadata.Name.Should().Be("breakglassgrants.iroperator.io");
        crd.Spec.Scope.Should().Be("Namespaced");
        crd.Spec.Names.ShortNames.Should().Equal("bgg");
        crd.Spec.Names.Categories.Should().Equal("incident-response");
        crd.Spec.Versions.Should().ContainSingle(v => v.Name == "v1alpha1" && v.Subresources.Status != null);
    }

    [Fact]
    public void Printer_columns_show_readiness_for_roles_and_who_what_until_when_for_grants()
    {
        Columns(GeneratedCrds.ResponderRole).Should().Equal(
            "Accounts Ready=.status.accountsReady", "Preset=.spec.preset", "Active Grants=.status.activeGrants", "Age=.metadata.creationTimestamp");
        Columns(GeneratedCrds.BreakGlassGrant).Should().Equal(
            "Role=.spec.role", "Requested By=.spec.requestedBy", "Phase=.status.phase", "Expires=.status.expiresAt",
            "Incident=.spec.incident", "Age=.metadata.creationTimestamp");

        // A future time in a `date` column prints as "<invalid>" (the server humanizes dates as ages), so the
        // expiry is shown as the timestamp itself.
        GeneratedCrds.BreakGlassGrant.Spec.Versions[0].AdditionalPrinterColumns.Single(c => c.Name == "Expires").Type.Should().Be("string");
    }

    [Theory]
    [InlineData("spec.roleName", ResourcePatterns.IamRoleName, 64L)]
    [InlineData("spec.path", ResourcePatterns.IamPath, 512L)]
    [InlineData("spec.description", ResourcePatterns.IamRoleDescription, 1000L)]
    [InlineData("spec.permissionsBoundaryArn", ResourcePatterns.PermissionsBoundaryArn, 2048L)]
    [InlineData("spec.maxSessionDuration", ResourcePatterns.Duration, 20L)]
    [InlineData("spec.breakGlass.maxGrantDuration", ResourcePatterns.Duration, 20L)]
    public void Role_string_fields_carry_their_pattern_and_length(string path, string pattern, long maxLength)
    {
        var node = GeneratedCrds.At(GeneratedCrds.ResponderRole, path);
        node.Pattern.Should().Be(pattern);
        node.MaxLength.Should().Be(maxLength);
    }

    [Theory]
    [InlineData("spec.accounts.ids.[]")]
    [InlineData("spec.accounts.exclude.[]")]
    public void Role_account_ids_are_twelve_digits(string path) =>
        GeneratedCrds.At(GeneratedCrds.ResponderRole, path).Pattern.Should().Be("^[0-9]{12}$");

    [Fact]
    public void Grant_account_ids_are_twelve_digits_and_a_set() =>
        GeneratedCrds.At(GeneratedCrds.BreakGlassGrant, "spec.accounts").Should().Match<V1JSONSchemaProps>(
            n => n.XKubernetesListType == "set" && ((V1JSONSchemaProps)n.Items).Pattern == "^[0-9]{12}$");

    [Theory]
    [InlineData("spec.path", "/incident-response/")]
    [InlineData("spec.preset", "None")]
    [InlineData("spec.maxSessionDuration", "1h")]
    [InlineData("spec.deletionPolicy", "Delete")]
    [InlineData("spec.trust.requireMfa", true)]
    [InlineData("spec.trust.requireSourceIdentity", true)]
    [InlineData("spec.breakGlass.minApprovals", 1)]
    [InlineData("spec.breakGlass.maxGrantDuration", "4h")]
    public void Role_defaults(string path, object expected) =>
        GeneratedCrds.At(GeneratedCrds.ResponderRole, path).DefaultProperty.Should().Be(expected);

    [Fact]
    public void Role_enums_list_exactly_the_presets_and_deletion_policies()
    {
        GeneratedCrds.At(GeneratedCrds.ResponderRole, "spec.preset").EnumProperty
            .Should().Equal("None", "SecurityAnalyst", "ForensicInvestigator", "IncidentCommander");
        GeneratedCrds.At(GeneratedCrds.ResponderRole, "spec.deletionPolicy").EnumProperty.Should().Equal("Delete", "Retain");
    }

    [Fact]
    public void MinApprovals_is_one_to_five()
    {
        var node = GeneratedCrds.At(GeneratedCrds.ResponderRole, "spec.breakGlass.minApprovals");
        (node.Minimum, node.Maximum).Should().Be((1d, 5d));
    }

    [Fact]
    public void Grant_spec_requires_who_what_how_long_and_why()
    {
        GeneratedCrds.At(GeneratedCrds.BreakGlassGrant, "spec").Required
            .Should().BeEquivalentTo("role", "principalArn", "requestedBy", "duration", "incident", "reason");
        GeneratedCrds.Root(GeneratedCrds.BreakGlassGrant).Required.Should().Equal("spec");
    }

    [Theory]
    [InlineData("spec.incident", 128L)]
    [InlineData("spec.reason", 1024L)]
    [InlineData("spec.requestedBy", 256L)]
    public void Grant_free_text_is_non_blank_and_bounded(string path, long maxLength)
    {
        var node = GeneratedCrds.At(GeneratedCrds.BreakGlassGrant, path);
        node.MinLength.Should().Be(1);
        node.MaxLength.Should().Be(maxLength);
        Rules(node).Should().Contain(CelRules.NotBlank);
    }

    [Fact]
    public void Grant_spec_is_immutable_through_a_transition_rule()
    {
        var spec = GeneratedCrds.At(GeneratedCrds.BreakGlassGrant, "spec");
        spec.XKubernetesValidations.Should().ContainSingle(r => r.Rule == "self == oldSelf" && r.Message.StartsWith("spec is immutable"));
    }

    [Theory]
    [InlineData("BreakGlassGrant", "spec.principalArn", CelRules.PrincipalArn)]
    [InlineData("ResponderRole", "spec.trust.principals.[]", CelRules.PrincipalArn)]
    [InlineData("ResponderRole", "spec", CelRules.TrustXorBreakGlass)]
    [InlineData("ResponderRole", "spec.accounts", CelRules.SelectsAccounts)]
    [InlineData("ResponderRole", "spec.breakGlass.approvers", CelRules.NamesApprovers)]
    [InlineData("ResponderRole", "spec.inlinePolicies", CelRules.InlinePolicyNames)]
    [InlineData("ResponderRole", "spec.tags", CelRules.TagKeys)]
    [InlineData("ResponderRole", "", CelRules.DefaultRoleNameFits)]
    public void Cel_rules_sit_where_they_apply(string kind, string path, string rule)
    {
        var crd = GeneratedCrds.ByKind(kind);
        var node = path.Length == 0 ? GeneratedCrds.Root(crd) : GeneratedCrds.At(crd, path);
        Rules(node).Should().Contain(rule);
    }

    [Theory]
    [InlineData("BreakGlassGrant", "spec.duration", "1m", "12h")]
    [InlineData("ResponderRole", "spec.maxSessionDuration", "1h", "12h")]
    [InlineData("ResponderRole", "spec.breakGlass.maxGrantDuration", "1m", "12h")]
    public void Durations_have_the_format_pattern_and_their_bounds_in_cel(string kind, string path, string minimum, string maximum)
    {
        var node = GeneratedCrds.At(GeneratedCrds.ByKind(kind), path);
        node.Pattern.Should().Be(ResourcePatterns.Duration);
        node.XKubernetesValidations.Should().ContainSingle(r =>
            r.Rule == CelRules.DurationBetween(minimum, maximum) && r.Message.StartsWith($"must be between {minimum} and {maximum}"));
    }

    [Fact]
    public void Inline_policies_are_free_form_objects_and_nothing_else_is()
    {
        var policies = GeneratedCrds.At(GeneratedCrds.ResponderRole, "spec.inlinePolicies.{}");
        policies.Type.Should().Be("object");
        policies.XKubernetesPreserveUnknownFields.Should().BeTrue();
        SchemaWalk.Nodes(GeneratedCrds.ResponderRole).Concat(SchemaWalk.Nodes(GeneratedCrds.BreakGlassGrant))
            .Where(n => n.Node.XKubernetesPreserveUnknownFields == true)
            .Select(n => n.Path)
            .Should().Equal("ResponderRole:spec.inlinePolicies.{}");
    }

    private static IEnumerable<string> Columns(V1CustomResourceDefinition crd) =>
        crd.Spec.Versions.Single().AdditionalPrinterColumns.Select(c => $"{c.Name}={c.JsonPath}");

    private static IEnumerable<string> Rules(V1JSONSchemaProps node) => (node.XKubernetesValidations ?? []).Select(r => r.Rule);

    [Fact]
    public void No_pattern_has_a_repeat_count_RE2_refuses()
    {
        // Go's regexp (the API server's) refuses {n,m} above 1,000, and the API server then refuses the whole CRD.
        var patterns = GeneratedCrds.Crds.SelectMany(c => Patterns(GeneratedCrds.Root(c))).ToList();

        patterns.Should().NotBeEmpty();
        patterns.Where(p => System.Text.RegularExpressions.Regex.Matches(p, @"\{(\d+)(,(\d*))?\}")
                .Any(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 1000
                    || (m.Groups[3].Value.Length > 0 && int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) > 1000)))
            .Should().BeEmpty();
    }

    private static IEnumerable<string> Patterns(V1JSONSchemaProps? node)
    {
        if (node is null)
        {
            yield break;
        }
        if (node.Pattern is { } pattern)
        {
            yield return pattern;
        }
        var children = (node.Properties?.Values ?? Enumerable.Empty<V1JSONSchemaProps>())
            .Append(node.Items as V1JSONSchemaProps)
            .Append(node.AdditionalProperties as V1JSONSchemaProps);
        foreach (var child in children)
        {
            foreach (var found in Patterns(child))
            {
                yield return found;
            }
        }
    }
}
