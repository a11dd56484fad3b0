using System.Text.Json;
using System.Text.Json.Nodes;

namespace WrongOverWrong.Training.Checkpoints;

/// <summary>Parses the JSON text of a checkpoint's config file into an object, with errors naming the file.</summary>
internal static class JsonObjectText
{
    /// <summary>
    /// Parses <paramref name="json"/> and requires a top-level object. Nesting is capped at
    /// <paramref name="maxDepth"/> (config files are shallow), so a hostile file cannot make the
    /// parser recurse deeply.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not JSON (a repeated key included), or not an object.</exception>
    public static JsonObject Parse(string json, string source, int maxDepth = 16)
    {
        JsonNode? root;
        try
        {
            // A repeated key is rejected here: JsonObject would otherwise throw an ArgumentException
            // when the key is first read (found by the reader fuzz tests).
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({ex.Message}).", ex);
        }

        return root as JsonObject ?? throw new InvalidDataException($"{source}: the top level must be a JSON object.");
    }
}
