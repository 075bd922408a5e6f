namespace PixelHolo.Core.Search;

/// <summary>Decides whether a visitor's utterance needs fresh web results ("what's the weather today")
/// or can be answered from the model's own knowledge ("tell me a joke"). Safe for concurrent calls.</summary>
public interface IIntentClassifier
{
    /// <summary>Classifies one utterance as speech-to-text gives it (lower case, no punctuation is fine).</summary>
    IntentPrediction Classify(string text);
}
