using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IrOperator.Tests.Deploy;

/// <summary>
/// deploy/aws: the CloudFormation templates validate against the CloudFormation resource specification
/// (@aws-cdk/cfnspec), and the roles' policies name exactly the IAM, Organizations and STS actions the operator's
/// code calls, derived from the code (the clients' request builders, and which of them the rest of the operator
/// calls), compared both ways (docs/aws-setup.md).
/// </summary>
public sealed partial class OpsCloudFormationTests
{
    public static TheoryData<string> Templates => ["provisioner-role.yaml", "operator-role.yaml", "provisioner-stackset.yaml"];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_validates_against_the_resource_specification(string file)
    {
        var errors = OpsCfnValidator.Load().Validate(Template(file));

        errors.Should().BeEmpty();
    }

    [Fact]
    public void The_validator_reports_what_the_specification_refuses()
    {
        var template = Template("provisioner-role.yaml");
        var role = template["Resources"]!["ProvisionerRole"]!["Properties"]!.AsObject();
        role.Remove("AssumeRolePolicyDocument");
        role["MaxSessionDurationSeconds"] = "3600";
        role["Path"] = new JsonArray("/a/", "/b/");
        role["Tags"]![0]!.AsObject().Remove("Value");
        template["Resources"]!["ResponderBoundary"]!["Type"] = "AWS::IAM::ManagedPolicyy";
        template["Outputs"]!["ProvisionerRoleArn"]!["Value"] = JsonNode.Parse("""{"Fn::GetAtt": ["ProvisionerRole", "Name"]}""");
        template["Resources"]!["ProvisionerRole"]!["Properties"]!["RoleName"] = JsonNode.Parse("""{"Ref": "RoleNme"}""");
        template["Resources"]!["ProvisionerRole"]!["Properties"]!["MaxSessionDuration"] = "one hour";

        var errors = OpsCfnValidator.Load().Validate(template);

        errors.Should().Contain(e => e.Contains("required property AssumeRolePolicyDocument is missing", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("MaxSessionDurationSeconds: no such property", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("Path: expected a String", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("Tags[0]: required property Value is missing", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("unknown resource type AWS::IAM::ManagedPolicyy", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("AWS::IAM::Role has no attribute Name", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("Ref to unknown RoleNme", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("\"one hour\" is not a Integer", StringComparison.Ordinal));
    }

    [Fact]
    public void Provisioner_role_allows_exactly_the_IAM_actions_the_operator_calls()
    {
        var code = CalledActions("iam", "src/Operator/Aws/Iam/IamClient.cs", "src/Operator/Aws/Iam/IIamClient.cs");
        var role = Template("provisioner-role.yaml")["Resources"]!["ProvisionerRole"]!["Properties"]!;
        var statements = role["Policies"]!.AsArray().SelectMany(p => Statements(p!["PolicyDocument"]!)).ToList();

        code.Should().Contain(["iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:GetRole"], "the derivation must find the client's calls");
        Actions(statements, "Allow").Should().BeEquivalentTo(code, "the provisioner may call what the code calls, and nothing else");
        Actions(statements, "Deny").Should().BeSubsetOf(code, "its denies, too, name only what the code calls");
        Actions(statements, "Allow").Should().NotContain(["iam:ListRoles", "iam:ListRoleTags"], "the client can, but nothing in the operator calls them");
    }

    [Fact]
    public void Operator_role_allows_exactly_the_Organizations_and_STS_actions_the_operator_calls()
    {
        var organizations = CalledActions("organizations", "src/Operator/Aws/Organizations/OrganizationsClient.cs", "src/Operator/Aws/Organizations/IOrganizationsClient.cs");
        var sts = StsActions();
        var role = Template("operator-role.yaml")["Resources"]!["OperatorRole"]!["Properties"]!;
        var statements = role["Policies"]!.AsArray().SelectMany(p => Statements(p!["PolicyDocument"]!)).ToList();

        organizations.Should().Contain("organizations:ListRoots");
        sts.Should().BeEquivalentTo(["sts:AssumeRole", "sts:SetSourceIdentity"]);
        Actions(statements, "Allow").Should().BeEquivalentTo(organizations.Concat(sts), "the operator's role may call what the code calls, and nothing else");
    }

    [Fact]
    public void Provisioner_trust_requires_the_operator_role_and_its_source_identity()
    {
        var trust = Template("provisioner-role.yaml")["Resources"]!["ProvisionerRole"]!["Properties"]!["AssumeRolePolicyDocument"]!;
        var statement = Statements(trust).Single();

        Actions([statement], "Allow").Should().BeEquivalentTo(StsActions(), "the trust allows what ProvisionerCredentials sends: AssumeRole with a source identity");
        statement["Condition"]!["ArnEquals"]!["aws:PrincipalArn"]!["Ref"]!.GetValue<string>().Should().Be("OperatorRoleArn");
        statement["Condition"]!["StringEquals"]!["sts:SourceIdentity"]!["Ref"]!.GetValue<string>().Should().Be("OperatorSourceIdentity");
        Template("provisioner-role.yaml")["Parameters"]!["OperatorSourceIdentity"]!["Default"]!.GetValue<string>()
            .Should().Be(new IrOperator.Aws.Sts.ProvisionerRoleOptions().SourceIdentity);
        Template("provisioner-role.yaml")["Parameters"]!["ProvisionerRoleName"]!["Default"]!.GetValue<string>()
            .Should().Be(new IrOperator.Aws.Sts.ProvisionerRoleOptions().RoleName);
    }

    [Fact]
    public void StackSet_passes_every_parameter_the_member_template_declares()
    {
        var member = Template("provisioner-role.yaml")["Parameters"]!.AsObject().Select(p => p.Key);
        var stackSet = Template("provisioner-stackset.yaml")["Resources"]!["ProvisionerStackSet"]!["Properties"]!["Parameters"]!.AsArray()
            .Select(p => p!["ParameterKey"]!.GetValue<string>());

        stackSet.Should().BeEquivalentTo(member);
    }

    [Fact]
    public void Responder_boundary_leaves_every_preset_action_allowed()
    {
        // The boundary caps responder roles; it must not cut what the presets grant (docs/presets.md). Its
        // unconditional, account-wide denies are compared with every preset action, wildcards as IAM reads them.
        var boundary = Template("provisioner-role.yaml")["Resources"]!["ResponderBoundary"]!["Properties"]!["PolicyDocument"]!;
        var denies = Statements(boundary)
            .Where(s => s["Effect"]!.GetValue<string>() == "Deny" && s["Condition"] is null && s["Resource"] is JsonValue r && r.GetValue<string>() == "*")
            .SelectMany(s => s["Action"]!.AsArray().Select(a => a!.GetValue<string>()))
            .ToList();
        var presetActions = Enum.GetValues<IrOperator.Resources.RolePreset>()
            .SelectMany(preset => IrOperator.Iam.Presets.Presets.For(preset, new IrOperator.Iam.Presets.PresetOptions()).Values)
            .SelectMany(document => document.Statements)
            .Where(statement => statement.Effect == IrOperator.Iam.Policies.PolicyEffect.Allow)
            .SelectMany(statement => statement.Action ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();

        denies.Should().Contain("iam:PutRolePolicy").And.Contain("organizations:Create*");
        presetActions.Should().Contain(["organizations:ListAccounts", "iam:UpdateAccessKey"]);
        presetActions.Where(action => denies.Any(deny => IamWildcard(deny).IsMatch(action))).Should().BeEmpty();
        IamWildcard("organizations:Create*").IsMatch("organizations:CreateAccount").Should().BeTrue("the matcher itself must be able to find a clash");
    }

    private static Regex IamWildcard(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);

    private static JsonObject Template(string file) => OpsCfnValidator.ParseTemplate(OpsRepository.Read($"deploy/aws/{file}"));

    /// <summary>
    /// The actions of a client (its request builders: CallAsync/PagesAsync("Action", ...) in the method named
    /// ActionAsync) that some other code of the operator calls (".ActionAsync(").
    /// </summary>
    private static HashSet<string> CalledActions(string prefix, string client, string contract)
    {
        var clientText = OpsRepository.Read(client);
        var built = RequestBuilder().Matches(clientText).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var action in built)
        {
            clientText.Should().MatchRegex($@"\b{action}Async\(", "the client's method for {0} is named after it", action);
        }

        var others = Directory.EnumerateFiles(OpsRepository.PathOf("src/Operator"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(client.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal)
                && !f.EndsWith(contract.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        return built.Where(action => others.Any(text => text.Contains($".{action}Async(", StringComparison.Ordinal)))
            .Select(action => $"{prefix}:{action}")
            .ToHashSet();
    }

    /// <summary>STS calls the operator makes through AWSSDK.SecurityToken, and what their requests carry.</summary>
    private static HashSet<string> StsActions()
    {
        var actions = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(OpsRepository.PathOf("src/Operator"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in StsCall().Matches(text))
            {
                actions.Add($"sts:{call.Groups[1].Value}");
                var request = text[call.Index..Math.Min(text.Length, text.IndexOf('}', call.Index) + 1)];
                if (request.Contains("SourceIdentity =", StringComparison.Ordinal))
                {
                    actions.Add("sts:SetSourceIdentity");
                }
                if (request.Contains("Tags =", StringComparison.Ordinal) || request.Contains("TransitiveTagKeys =", StringComparison.Ordinal))
                {
                    actions.Add("sts:TagSession");
                }
            }
        }
        return actions;
    }

    private static IEnumerable<JsonNode> Statements(JsonNode document)
    {
        foreach (var statement in document["Statement"]!.AsArray())
        {
            foreach (var s in Branches(statement!))
            {
                yield return s;
            }
        }
    }

    /// <summary>A statement, or both branches of an Fn::If that stand for one.</summary>
    private static IEnumerable<JsonNode> Branches(JsonNode node) =>
        node is JsonObject o && o["Fn::If"] is JsonArray branches
            ? branches.Skip(1).Where(b => b is JsonObject bo && !bo.ContainsKey("Ref")).Select(b => b!)
            : [node];

    /// <summary>Actions of the statements whose Effect is (or, through Fn::If, may be) <paramref name="effect"/>.</summary>
    private static HashSet<string> Actions(IEnumerable<JsonNode> statements, string effect) =>
        statements
            .Where(s => s["Effect"] is JsonValue v ? v.GetValue<string>() == effect : s["Effect"]!["Fn::If"]!.AsArray().Skip(1).Any(b => b!.GetValue<string>() == effect))
            .SelectMany(s => s["Action"] is JsonArray a ? a.Select(x => x!.GetValue<string>()) : [s["Action"]!.GetValue<string>()])
            .ToHashSet();

    [GeneratedRegex(@"(?:CallAsync|PagesAsync)\(""(\w+)""")]
    private static partial Regex RequestBuilder();

    [GeneratedRegex(@"_sts\.(\w+)Async\(\s*new (\w+)Request")]
    private static partial Regex StsCall();
}
