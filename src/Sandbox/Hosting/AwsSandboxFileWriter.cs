using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IrOperator.Sandbox.Aws;
using IrOperator.Sandbox.Aws.Identity;

namespace IrOperator.Sandbox.Hosting;

/// <summary>
/// Writes what the AWS CLI, boto3 and the SDKs need to talk to the emulator: <c>aws/config</c>
/// (region and <c>endpoint_url</c> per profile), <c>aws/credentials</c> (profiles <c>operator</c>,
/// <c>alice</c>, <c>bob</c>, <c>admin-&lt;account name&gt;</c>), <c>aws.env</c> (sourceable) and
/// <c>accounts.json</c> (the organization). The credentials file is written owner-only, as the CLI's is.
/// </summary>
public static class AwsSandboxFileWriter
{
    public const string Region = "us-east-1";

    public static AwsSandboxFiles Write(string stateDirectory, AwsEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var awsDirectory = Path.Combine(Path.GetFullPath(stateDirectory), "aws");
        Directory.CreateDirectory(awsDirectory);
        var files = new AwsSandboxFiles(
            Path.Combine(awsDirectory, "config"),
            Path.Combine(awsDirectory, "credentials"),
            Path.Combine(Path.GetFullPath(stateDirectory), "aws.env"),
            Path.Combine(Path.GetFullPath(stateDirectory), "accounts.json"));

        var profiles = Profiles(emulator);
        var endpoint = emulator.Endpoint.ToString().TrimEnd('/');
        var config = new StringBuilder();
        var credentials = new StringBuilder();
        foreach (var (name, key) in profiles)
        {
            config.Append(CultureInfo.InvariantCulture, $"[profile {name}]\nregion = {Region}\noutput = json\nendpoint_url = {endpoint}\n\n");
            credentials.Append(CultureInfo.InvariantCulture, $"[{name}]\naws_access_key_id = {key.AccessKeyId}\naws_secret_access_key = {key.SecretAccessKey}\n\n");
        }

        File.WriteAllText(files.ConfigFile, config.ToString());
        OwnerOnlyFile.Write(files.CredentialsFile, credentials.ToString());
        File.WriteAllText(files.EnvFile, $"""
            export AWS_CONFIG_FILE='{files.ConfigFile}'
            export AWS_SHARED_CREDENTIALS_FILE='{files.CredentialsFile}'
            export AWS_ENDPOINT_URL='{endpoint}'
            export AWS_DEFAULT_REGION='{Region}'

            """);
        File.WriteAllText(files.AccountsFile, Accounts(emulator).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return files;
    }

    /// <summary>The profile names and their long-term keys, in the order they are written.</summary>
    public static IReadOnlyList<(string Name, AwsCredentials Key)> Profiles(AwsEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var organization = emulator.Organization;
        var responderAccount = organization.Accounts.FirstOrDefault(account => account.Name == AwsEmulator.SecurityToolingAccountName)?.Id
            ?? organization.ManagementAccountId;
        var profiles = new List<(string, AwsCredentials)> { (AwsEmulator.OperatorUser, emulator.CredentialsOf(organization.ManagementAccountId, AwsEmulator.OperatorUser)) };
        profiles.AddRange(AwsEmulator.Responders.Select(name => (name, emulator.CredentialsOf(responderAccount, name))));
        profiles.AddRange(organization.Accounts.Where(account => account.IsActive)
            .Select(account => ("admin-" + account.Name, emulator.CredentialsOf(account.Id, "admin-" + account.Name))));
        return profiles;
    }

    public static JsonObject Accounts(AwsEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var organization = emulator.Organization;
        return new JsonObject
        {
            ["organizationId"] = organization.Id,
            ["rootId"] = organization.RootId,
            ["managementAccountId"] = organization.ManagementAccountId,
            ["endpoint"] = emulator.Endpoint.ToString(),
            ["organizationalUnits"] = new JsonArray([.. organization.Units.Select(unit => (JsonNode)new JsonObject
            {
                ["id"] = unit.Id, ["name"] = unit.Name, ["parentId"] = unit.ParentId, ["path"] = organization.PathOf(unit.Id),
            })]),
            ["accounts"] = new JsonArray([.. organization.Accounts.Select(account => (JsonNode)new JsonObject
            {
                ["id"] = account.Id,
                ["name"] = account.Name,
                ["email"] = account.Email,
                ["state"] = account.State,
                ["parentId"] = account.ParentId,
                ["ouPath"] = organization.PathOf(account.ParentId),
                ["tags"] = new JsonObject([.. account.Tags.Select(tag => KeyValuePair.Create(tag.Key, (JsonNode?)tag.Value))]),
                ["adminProfile"] = account.IsActive ? "admin-" + account.Name : null,
            })]),
        };
    }
}
