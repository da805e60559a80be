using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UpsellAdmin.ConnectorSimulator;

/// <summary>The wire format: PascalCase exactly as declared, strict parsing, UTC instants as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
internal static class SimulatorJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = false,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.Converters.Add(new UpdateValueConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string FormatUtc(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                throw new JsonException("Invalid date-time.");
            }

            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatUtc(value));
    }
}

/// <summary>
/// The update-value wrapper <c>{"Value": x}</c> of update operations. <see cref="HasValue"/> tells whether the
/// <c>Value</c> key was present: <c>{}</c> changes nothing, <c>{"Value": null}</c> clears.
/// </summary>
internal sealed class UpdateValue<T>
{
    public T? Value { get; init; }

    public bool HasValue { get; init; }
}

internal sealed class UpdateValueConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(UpdateValue<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(UpdateValueConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class UpdateValueConverter<T> : JsonConverter<UpdateValue<T>>
    {
        public override UpdateValue<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("An update value must be an object.");
            }

            var hasValue = false;
            T? value = default;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "Value")
                {
                    hasValue = true;
                    value = JsonSerializer.Deserialize<T>(ref reader, options);
                }
                else
                {
                    reader.Skip();
                }
            }

            return new UpdateValue<T> { Value = value, HasValue = hasValue };
        }

        public override void Write(Utf8JsonWriter writer, UpdateValue<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            if (value.HasValue)
            {
                writer.WritePropertyName("Value");
                JsonSerializer.Serialize(writer, value.Value, options);
            }

            writer.WriteEndObject();
        }
    }
}
