using IrOperator.Sandbox.Kube.Server;

namespace IrOperator.Tests.KubeEmulator;

/// <summary>util/validation.IsQualifiedName as the emulator applies it to label keys, annotation keys and finalizers.</summary>
public sealed class MetadataValidationTests
{
    [Theory]
    [InlineData("app")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("Example_Key.1")]
    [InlineData("iroperator.io/approved-by")]
    public void Qualified_names_pass(string key) => MetadataValidation.QualifiedNameErrors(key).Should().BeEmpty();

    [Theory]
    [InlineData("/name", "prefix part must be non-empty")]
    [InlineData("example.com/", "name part must be non-empty")]
    [InlineData("Example.com/x", "prefix part a lowercase RFC 1123 subdomain must consist of")]
    [InlineData("-start", "name part must consist of alphanumeric characters")]
    [InlineData("a/b/c", "a qualified name must consist of alphanumeric characters")]
    [InlineData("trailing\n", "name part must consist of alphanumeric characters")]
    public void Bad_names_get_the_servers_message(string key, string message) =>
        MetadataValidation.QualifiedNameErrors(key).Should().Contain(m => m.StartsWith(message, StringComparison.Ordinal));

    [Fact]
    public void Sizes_are_63_for_the_name_and_253_for_the_prefix()
    {
        MetadataValidation.QualifiedNameErrors(new string('a', 63)).Should().BeEmpty();
        MetadataValidation.QualifiedNameErrors(new string('a', 64)).Should().Equal("name part must be no more than 63 characters");
        MetadataValidation.QualifiedNameErrors(new string('a', 253) + "/x").Should().BeEmpty();
        MetadataValidation.QualifiedNameErrors(new string('a', 254) + "/x").Should().Equal("prefix part must be no more than 253 characters");
    }
}
