using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// Core ML's graph rules, checked before running: layer names unique, every blob produced once, a layer reads only
/// blobs that exist before it, every model output is produced. Also gives each blob's last reader, so the
/// interpreter can drop blobs early.
/// </summary>
internal static class GraphCheck
{
    public static Dictionary<string, int> Check(Model model)
    {
        var blobs = new HashSet<string>(model.Description.Input.Select(i => i.Name), StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        var layers = model.NeuralNetwork.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (!names.Add(layer.Name))
            {
                throw new InvalidDataException($"Two layers are named '{layer.Name}'; layer names must be unique.");
            }

            foreach (var input in layer.Input)
            {
                if (!blobs.Contains(input))
                {
                    throw new InvalidDataException($"Layer '{layer.Name}' reads blob '{input}', which no earlier layer or input makes.");
                }

                lastUse[input] = i;
            }

            foreach (var output in layer.Output)
            {
                if (!blobs.Add(output))
                {
                    throw new InvalidDataException($"Layer '{layer.Name}' writes blob '{output}', which already exists; each blob is produced once.");
                }
            }
        }

        foreach (var output in model.Description.Output)
        {
            if (!blobs.Contains(output.Name))
            {
                throw new InvalidDataException($"No layer makes the model output '{output.Name}'.");
            }

            lastUse[output.Name] = int.MaxValue;
        }

        return lastUse;
    }
}
