namespace UpsellAdmin.ConnectorSimulator;

/// <summary>An error answer of the Connector API: status code plus the <c>Message</c> of the error body.</summary>
internal sealed class ConnectorApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>400 "Invalid {parameter}".</summary>
    public static ConnectorApiException Invalid(string parameter) => new(StatusCodes.Status400BadRequest, $"Invalid {parameter}");

    /// <summary>403 with a message for the hotel user.</summary>
    public static ConnectorApiException Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);
}
