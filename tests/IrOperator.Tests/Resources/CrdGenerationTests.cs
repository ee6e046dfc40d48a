using IrOperator.Resources;
using k8s;
using k8s.Models;

namespace IrOperator.Tests.Resources;

public class CrdGenerationTests
{
    private const string Regenerate = "deploy/helm/ir-operator/crds is out of date with the C# types: run `dotnet run --project src/Operator -- crds --output-dir deploy/helm/ir-operator/crds`";

    [Fact]
    public void Checked_in_crds_equal_what_the_types_generate()
    {
        foreach (var crd in GeneratedCrds.Crds)
        {
            var path = GeneratedCrds.OutputPath("crds", CrdYaml.FileName(crd));
            File.Exists(path).Should().BeTrue($"{CrdYaml.FileName(crd)} is missing. {Regenerate}");
            File.ReadAllText(path).Should().Be(CrdYaml.Serialize(crd), Regenerate);
        }
    }

    [Fact]
    public void Chart_crds_hold_no_file_the_types_do_not_generate()
    {
        var expected = GeneratedCrds.Crds.Select(CrdYaml.FileName);
        var present = Directory.GetFiles(GeneratedCrds.OutputPath("crds")).Select(Path.GetFileName);
        present.Should().BeEquivalentTo(expected, Regenerate);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var again = CrdGenerator.GenerateAll();
        CrdYaml.SerializeAll(again).Should().Be(CrdYaml.SerializeAll(GeneratedCrds.Crds));
    }

    [Fact]
    public void Crd_yaml_round_trips_through_KubernetesYaml_and_KubernetesJson()
    {
        foreach (var crd in GeneratedCrds.Crds)
        {
            var yaml = CrdYaml.Serialize(crd);
            var fromYaml = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(yaml);
            KubernetesJson.Serialize(fromYaml).Should().Be(KubernetesJson.Serialize(crd));
        }
    }

    [Fact]
    public void Multi_document_stream_holds_every_crd()
    {
        var stream = CrdYaml.SerializeAll(GeneratedCrds.Crds);
        var documents = KubernetesYaml.LoadAllFromString(stream);
        documents.Select(d => ((V1CustomResourceDefinition)d).Metadata.Name)
            .Should().Equal("responderroles.iroperator.io", "breakglassgrants.iroperator.io");
    }

    [Fact]
    public void Crds_command_writes_one_file_per_crd()
    {
        var directory = Directory.CreateTempSubdirectory("iroperator-crds-").FullName;
        try
        {
            var exit = IrOperator.Cli.OperatorCli.Build().Parse(["crds", "--output-dir", directory]).Invoke();
            exit.Should().Be(0);
            foreach (var crd in GeneratedCrds.Crds)
            {
                File.ReadAllText(Path.Combine(directory, CrdYaml.FileName(crd))).Should().Be(CrdYaml.Serialize(crd));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
