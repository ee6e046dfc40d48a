namespace IrOperator.Aws.Http;

/// <summary>One API call's body and protocol headers; the sender adds host, date, token and signature.</summary>
public sealed record AwsRequest(string Action, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers);
