using System.Text;

namespace PixelHolo.TestSupport;

/// <summary>Writes a tiny random-weight llama model as a GGUF v3 file (header, key/values, tensor infos, 32-byte aligned
/// F32 data): 2 blocks, embedding 64, 4 heads, a SentencePiece-style vocabulary of byte tokens plus a few words, and a
/// ChatML chat template. About 0.5 MB. llama.cpp loads and runs it; what it says is gibberish (and may be invalid UTF-8),
/// so tests assert on token counts, streaming, limits and cancellation, never on the text.</summary>
public static class GgufTestModel
{
    public const string ChatTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private const int Embedding = 64;
    private const int FeedForward = 128;
    private const int Blocks = 2;
    private const int Heads = 4;
    private const int Alignment = 32;
    private const uint TypeUInt32 = 4, TypeInt32 = 5, TypeFloat32 = 6, TypeString = 8, TypeArray = 9;

    private static readonly string[] Words =
    [
        "\u2581the", "\u2581a", "\u2581and", "\u2581to", "\u2581of", "\u2581is", "\u2581you", "\u2581I", "\u2581it", "\u2581in",
        "\u2581hello", "\u2581yes", "\u2581no", "\u2581what", "\u2581that", "\u2581this", "\u2581we", "\u2581can", "\u2581do", "\u2581for",
        "\u2581", "e", "t", "a", "o", "i", "n", "s", "h", "r", "d", "l", "u", ".", ",", "?", "!",
        "\u2581be", "\u2581are", "\u2581with", "\u2581on", "\u2581not", "\u2581have",
    ];

    /// <summary>Number of tokens in the vocabulary: 3 control tokens, 256 byte tokens and the words.</summary>
    public static int VocabularySize => 3 + 256 + Words.Length;

    /// <summary>Writes the model to <paramref name="path"/>; the same <paramref name="seed"/> gives the same bytes.</summary>
    public static void Write(string path, int seed = 1234)
    {
        List<string> tokens = ["<unk>", "<s>", "</s>"];
        List<int> types = [2, 3, 3]; // unknown, control, control
        for (int b = 0; b < 256; b++) { tokens.Add($"<0x{b:X2}>"); types.Add(6); } // byte tokens
        foreach (string w in Words) { tokens.Add(w); types.Add(1); }
        int vocab = tokens.Count;
        float[] scores = [.. Enumerable.Range(0, vocab).Select(i => i < 259 ? 0f : -(i - 259) * 0.1f)];

        var tensors = new List<(string Name, long[] Dims)>
        {
            ("token_embd.weight", [Embedding, vocab]),
            ("output_norm.weight", [Embedding]),
            ("output.weight", [Embedding, vocab]),
        };
        for (int i = 0; i < Blocks; i++)
        {
            tensors.Add(($"blk.{i}.attn_norm.weight", [Embedding]));
            tensors.Add(($"blk.{i}.attn_q.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{i}.attn_k.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{i}.attn_v.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{i}.attn_output.weight", [Embedding, Embedding]));
            tensors.Add(($"blk.{i}.ffn_norm.weight", [Embedding]));
            tensors.Add(($"blk.{i}.ffn_gate.weight", [Embedding, FeedForward]));
            tensors.Add(($"blk.{i}.ffn_down.weight", [FeedForward, Embedding]));
            tensors.Add(($"blk.{i}.ffn_up.weight", [Embedding, FeedForward]));
        }

        string temp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(temp), Encoding.UTF8))
        {
            w.Write("GGUF"u8);
            w.Write(3u);
            w.Write((ulong)tensors.Count);
            var kv = new List<Action>
            {
                () => { Key(w, "general.architecture"); w.Write(TypeString); Str(w, "llama"); },
                () => { Key(w, "general.name"); w.Write(TypeString); Str(w, "pixelholo-random-test"); },
                () => { Key(w, "general.alignment"); w.Write(TypeUInt32); w.Write((uint)Alignment); },
                () => { Key(w, "llama.context_length"); w.Write(TypeUInt32); w.Write(2048u); },
                () => { Key(w, "llama.embedding_length"); w.Write(TypeUInt32); w.Write((uint)Embedding); },
                () => { Key(w, "llama.block_count"); w.Write(TypeUInt32); w.Write((uint)Blocks); },
                () => { Key(w, "llama.feed_forward_length"); w.Write(TypeUInt32); w.Write((uint)FeedForward); },
                () => { Key(w, "llama.attention.head_count"); w.Write(TypeUInt32); w.Write((uint)Heads); },
                () => { Key(w, "llama.attention.head_count_kv"); w.Write(TypeUInt32); w.Write((uint)Heads); },
                () => { Key(w, "llama.rope.dimension_count"); w.Write(TypeUInt32); w.Write((uint)(Embedding / Heads)); },
                () => { Key(w, "llama.attention.layer_norm_rms_epsilon"); w.Write(TypeFloat32); w.Write(1e-5f); },
                () => { Key(w, "tokenizer.ggml.model"); w.Write(TypeString); Str(w, "llama"); },
                () => { Key(w, "tokenizer.ggml.tokens"); w.Write(TypeArray); w.Write(TypeString); w.Write((ulong)vocab); tokens.ForEach(t => Str(w, t)); },
                () => { Key(w, "tokenizer.ggml.scores"); w.Write(TypeArray); w.Write(TypeFloat32); w.Write((ulong)vocab); Array.ForEach(scores, w.Write); },
                () => { Key(w, "tokenizer.ggml.token_type"); w.Write(TypeArray); w.Write(TypeInt32); w.Write((ulong)vocab); types.ForEach(w.Write); },
                () => { Key(w, "tokenizer.ggml.unknown_token_id"); w.Write(TypeUInt32); w.Write(0u); },
                () => { Key(w, "tokenizer.ggml.bos_token_id"); w.Write(TypeUInt32); w.Write(1u); },
                () => { Key(w, "tokenizer.ggml.eos_token_id"); w.Write(TypeUInt32); w.Write(2u); },
                () => { Key(w, "tokenizer.chat_template"); w.Write(TypeString); Str(w, ChatTemplate); },
            };
            w.Write((ulong)kv.Count);
            kv.ForEach(write => write());

            ulong offset = 0;
            foreach ((string name, long[] dims) in tensors)
            {
                Str(w, name);
                w.Write((uint)dims.Length);
                foreach (long d in dims) { w.Write((ulong)d); }
                w.Write(0u); // GGML_TYPE_F32
                w.Write(offset);
                offset += Padded(ElementCount(dims) * 4);
            }
            Pad(w);
            var random = new Random(seed);
            foreach ((string name, long[] dims) in tensors)
            {
                bool norm = name.EndsWith("norm.weight", StringComparison.Ordinal);
                for (long i = 0; i < ElementCount(dims); i++)
                {
                    w.Write(norm ? 1f : (float)((random.NextDouble() * 2 - 1) * 0.5));
                }
                Pad(w);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    private static long ElementCount(long[] dims) => dims.Aggregate(1L, (a, b) => a * b);

    private static ulong Padded(long bytes) => (ulong)((bytes + Alignment - 1) / Alignment * Alignment);

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        while (w.BaseStream.Position % Alignment != 0) { w.Write((byte)0); }
    }

    private static void Key(BinaryWriter w, string key) => Str(w, key);

    private static void Str(BinaryWriter w, string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
