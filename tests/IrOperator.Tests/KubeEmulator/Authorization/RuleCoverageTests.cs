using System.Text.Json.Nodes;
using IrOperator.Sandbox.Kube.Authorization;

namespace IrOperator.Tests.KubeEmulator.Authorization;

/// <summary>Which wanted rules are not covered by held ones (RBAC escalation prevention), and how they are described.</summary>
public sealed class RuleCoverageTests
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        // held rules, wanted rules, missing descriptions
        { """[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]""", """[{"apiGroups":["iroperator.io"],"resources":["responderroles"],"verbs":["patch"]}]""", [] },
        { """[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get","list"]}]""", """[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"]}]""", [] },
        {
            """[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"]}]""",
            """[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get","update","delete"]}]""",
            ["{APIGroups:[\"\"], Resources:[\"configmaps\"], Verbs:[\"update\" \"delete\"]}"]
        },
        {
            """[{"apiGroups":["iroperator.io"],"resources":["breakglassgrants"],"verbs":["patch"]}]""",
            """[{"apiGroups":["iroperator.io"],"resources":["breakglassgrants/status"],"verbs":["patch"]}]""",
            ["{APIGroups:[\"iroperator.io\"], Resources:[\"breakglassgrants/status\"], Verbs:[\"patch\"]}"]
        },
        { """[{"apiGroups":["iroperator.io"],"resources":["*/status"],"verbs":["patch"]}]""", """[{"apiGroups":["iroperator.io"],"resources":["breakglassgrants/status"],"verbs":["patch"]}]""", [] },
        { """[{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["a"],"verbs":["get"]}]""", """[{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["a"],"verbs":["get"]}]""", [] },
        {
            """[{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["a"],"verbs":["get"]}]""",
            """[{"apiGroups":[""],"resources":["configmaps"],"verbs":["get"]}]""",
            ["{APIGroups:[\"\"], Resources:[\"configmaps\"], Verbs:[\"get\"]}"]
        },
        { """[{"nonResourceURLs":["/apis/*"],"verbs":["get"]}]""", """[{"nonResourceURLs":["/apis/iroperator.io"],"verbs":["get"]}]""", [] },
        { """[{"nonResourceURLs":["/apis/*"],"verbs":["get"]}]""", """[{"nonResourceURLs":["/metrics"],"verbs":["get"]}]""", ["{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}"] },
        {
            """[{"apiGroups":["iroperator.io"],"resources":["breakglassgrants"],"verbs":["get"]}]""",
            """[{"apiGroups":["*"],"resources":["breakglassgrants"],"verbs":["get"]}]""",
            ["{APIGroups:[\"*\"], Resources:[\"breakglassgrants\"], Verbs:[\"get\"]}"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_wanted_piece_must_be_held(string held, string wanted, string[] missing) =>
        RuleCoverage.Missing(PolicyRule.ListFromJson(JsonNode.Parse(held)), PolicyRule.ListFromJson(JsonNode.Parse(wanted))).Should().Equal(missing);
}
