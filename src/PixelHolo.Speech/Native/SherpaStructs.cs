using System.Runtime.InteropServices;

namespace PixelHolo.Speech.Native;

// The C structs of sherpa-onnx 1.13.8's c-api.h (k2-fsa/sherpa-onnx, sherpa-onnx/c-api/c-api.h), field for field and in
// order: the library reads them by layout, so one missing field shifts every later one. They are kept together in this
// file because they only make sense as one mirror of that header; checked against the field order of the 1.13.8 npm
// `sherpa-onnx` package's JS glue (it writes the same structs by byte offset). Strings are UTF-8 `const char*` owned by a
// Utf8Strings arena that lives until the Create call returns (sherpa copies them). Zeroed = "not used".
#pragma warning disable CA1815 // interop structs are never compared
#pragma warning disable IDE1006 // names mirror the C header

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaFeatureConfig { public int sample_rate; public int feature_dim; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaHomophoneReplacerConfig { public nint dict_dir; public nint lexicon; public nint rule_fsts; }

// ---- offline recogniser ----

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineTransducerModelConfig { public nint encoder; public nint decoder; public nint joiner; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOneModelConfig { public nint model; } // paraformer, nemo_ctc, tdnn, dolphin, zipformer_ctc, wenet_ctc, omnilingual, medasr, fire_red_asr_ctc

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineWhisperModelConfig
{
    public nint encoder; public nint decoder; public nint language; public nint task;
    public int tail_paddings; public int enable_token_timestamps; public int enable_segment_timestamps;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineCanaryModelConfig { public nint encoder; public nint decoder; public nint src_lang; public nint tgt_lang; public int use_pnc; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineCohereTranscribeModelConfig { public nint encoder; public nint decoder; public nint language; public int use_punct; public int use_itn; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineFireRedAsrModelConfig { public nint encoder; public nint decoder; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineMoonshineModelConfig
{
    public nint preprocessor; public nint encoder; public nint uncached_decoder; public nint cached_decoder; public nint merged_decoder;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineLMConfig { public nint model; public float scale; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineSenseVoiceModelConfig { public nint model; public nint language; public int use_itn; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineFunAsrNanoModelConfig
{
    public nint encoder_adaptor; public nint llm; public nint embedding; public nint tokenizer; public nint system_prompt; public nint user_prompt;
    public int max_new_tokens; public float temperature; public float top_p; public int seed; public nint language; public int itn; public nint hotwords;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineQwen3AsrModelConfig
{
    public nint conv_frontend; public nint encoder; public nint decoder; public nint tokenizer;
    public int max_total_len; public int max_new_tokens; public float temperature; public float top_p; public int seed; public nint hotwords;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineModelConfig
{
    public SherpaOfflineTransducerModelConfig transducer;
    public SherpaOneModelConfig paraformer;
    public SherpaOneModelConfig nemo_ctc;
    public SherpaOfflineWhisperModelConfig whisper;
    public SherpaOneModelConfig tdnn;
    public nint tokens;
    public int num_threads;
    public int debug;
    public nint provider;
    public nint model_type;
    public nint modeling_unit;
    public nint bpe_vocab;
    public nint telespeech_ctc;
    public SherpaOfflineSenseVoiceModelConfig sense_voice;
    public SherpaOfflineMoonshineModelConfig moonshine;
    public SherpaOfflineFireRedAsrModelConfig fire_red_asr;
    public SherpaOneModelConfig dolphin;
    public SherpaOneModelConfig zipformer_ctc;
    public SherpaOfflineCanaryModelConfig canary;
    public SherpaOneModelConfig wenet_ctc;
    public SherpaOneModelConfig omnilingual;
    public SherpaOneModelConfig medasr;
    public SherpaOfflineFunAsrNanoModelConfig funasr_nano;
    public SherpaOneModelConfig fire_red_asr_ctc;
    public SherpaOfflineQwen3AsrModelConfig qwen3_asr;
    public SherpaOfflineCohereTranscribeModelConfig cohere_transcribe;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOfflineRecognizerConfig
{
    public SherpaFeatureConfig feat_config;
    public SherpaOfflineModelConfig model_config;
    public SherpaOfflineLMConfig lm_config;
    public nint decoding_method;
    public int max_active_paths;
    public nint hotwords_file;
    public float hotwords_score;
    public nint rule_fsts;
    public nint rule_fars;
    public float blank_penalty;
    public SherpaHomophoneReplacerConfig hr;
}

// ---- online (streaming) recogniser ----

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnlineTransducerModelConfig { public nint encoder; public nint decoder; public nint joiner; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnlineParaformerModelConfig { public nint encoder; public nint decoder; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnlineModelConfig
{
    public SherpaOnlineTransducerModelConfig transducer;
    public SherpaOnlineParaformerModelConfig paraformer;
    public SherpaOneModelConfig zipformer2_ctc;
    public nint tokens;
    public int num_threads;
    public nint provider;
    public int debug;
    public nint model_type;
    public nint modeling_unit;
    public nint bpe_vocab;
    public nint tokens_buf;
    public int tokens_buf_size;
    public SherpaOneModelConfig nemo_ctc;
    public SherpaOneModelConfig t_one_ctc;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnlineCtcFstDecoderConfig { public nint graph; public int max_active; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnlineRecognizerConfig
{
    public SherpaFeatureConfig feat_config;
    public SherpaOnlineModelConfig model_config;
    public nint decoding_method;
    public int max_active_paths;
    public int enable_endpoint;
    public float rule1_min_trailing_silence;
    public float rule2_min_trailing_silence;
    public float rule3_min_utterance_length;
    public nint hotwords_file;
    public float hotwords_score;
    public SherpaOnlineCtcFstDecoderConfig ctc_fst_decoder_config;
    public nint rule_fsts;
    public nint rule_fars;
    public float blank_penalty;
    public nint hotwords_buf;
    public int hotwords_buf_size;
    public SherpaHomophoneReplacerConfig hr;
}

// ---- voice activity ----

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaVadSubModelConfig // SherpaOnnxSileroVadModelConfig and SherpaOnnxTenVadModelConfig share this layout
{
    public nint model; public float threshold; public float min_silence_duration; public float min_speech_duration;
    public int window_size; public float max_speech_duration;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaVadModelConfig
{
    public SherpaVadSubModelConfig silero_vad;
    public int sample_rate;
    public int num_threads;
    public nint provider;
    public int debug;
    public SherpaVadSubModelConfig ten_vad;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaSpeechSegment { public int start; public nint samples; public int n; }

// ---- offline TTS ----

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsVitsModelConfig
{
    public nint model; public nint lexicon; public nint tokens; public nint data_dir;
    public float noise_scale; public float noise_scale_w; public float length_scale; public nint dict_dir;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsMatchaModelConfig
{
    public nint acoustic_model; public nint vocoder; public nint lexicon; public nint tokens; public nint data_dir;
    public float noise_scale; public float length_scale; public nint dict_dir;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsKokoroModelConfig
{
    public nint model; public nint voices; public nint tokens; public nint data_dir; public float length_scale;
    public nint dict_dir; public nint lexicon; public nint lang;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsKittenModelConfig { public nint model; public nint voices; public nint tokens; public nint data_dir; public float length_scale; }

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsZipvoiceModelConfig
{
    public nint tokens; public nint encoder; public nint decoder; public nint vocoder; public nint data_dir; public nint lexicon;
    public float feat_scale; public float t_shift; public float target_rms; public float guidance_scale;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsPocketModelConfig
{
    public nint lm_flow; public nint lm_main; public nint encoder; public nint decoder; public nint text_conditioner;
    public nint vocab_json; public nint token_scores_json; public int voice_embedding_cache_capacity;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsSupertonicModelConfig
{
    public nint duration_predictor; public nint text_encoder; public nint vector_estimator; public nint vocoder;
    public nint tts_json; public nint unicode_indexer; public nint voice_style;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsModelConfig
{
    public SherpaTtsVitsModelConfig vits;
    public int num_threads;
    public int debug;
    public nint provider;
    public SherpaTtsMatchaModelConfig matcha;
    public SherpaTtsKokoroModelConfig kokoro;
    public SherpaTtsKittenModelConfig kitten;
    public SherpaTtsZipvoiceModelConfig zipvoice;
    public SherpaTtsPocketModelConfig pocket;
    public SherpaTtsSupertonicModelConfig supertonic;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaTtsConfig
{
    public SherpaTtsModelConfig model;
    public nint rule_fsts;
    public int max_num_sentences;
    public nint rule_fars;
    public float silence_scale;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaGenerationConfig
{
    public float silence_scale;
    public float speed;
    public int sid;
    public nint reference_audio;
    public int reference_audio_len;
    public int reference_sample_rate;
    public nint reference_text;
    public int num_steps;
    public nint extra;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaGeneratedAudio { public nint samples; public int n; public int sample_rate; }
