using System.Text.Json;
using System.Text.Json.Serialization;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Storage;
using PixelHolo.Enrollment;
using PixelHolo.Web.Status;

namespace PixelHolo.Web.Endpoints;

/// <summary>Source-generated JSON for every body the endpoints read and every reply they write (REST and SSE), first in
/// the HTTP JSON options' resolver chain (<c>ConfigureHttpJsonOptions</c> in <c>PixelHoloWebApp</c>): web defaults
/// (camelCase), enums as strings. ProblemDetails stay with ASP.NET's own context. The stage socket's messages have their
/// own writer (<c>Stage/StageWire</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProfileDto[]))]
[JsonSerializable(typeof(ProfileDetails))]
[JsonSerializable(typeof(UploadAccepted))]
[JsonSerializable(typeof(IReadOnlyList<UploadProblem>))]
[JsonSerializable(typeof(EnrollmentJob))]
[JsonSerializable(typeof(JobUpdate))]
[JsonSerializable(typeof(RenameRequest))]
[JsonSerializable(typeof(ReEnrollRequest))]
[JsonSerializable(typeof(ReEnrollAccepted))]
[JsonSerializable(typeof(VoiceChoice))]
[JsonSerializable(typeof(DisplaySettings))]
[JsonSerializable(typeof(DisplayOverrides))]
[JsonSerializable(typeof(LicenceSummary))]
[JsonSerializable(typeof(StatusReply))]
[JsonSerializable(typeof(TurnsReply))]
[JsonSerializable(typeof(HealthReply))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
