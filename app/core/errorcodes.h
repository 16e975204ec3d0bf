#pragma once

// Stable machine-readable error codes carried in the "code" member of every problem document.
// Clients match on these; never change a published value.
namespace sg::errc {

inline constexpr char BadRequest[] = "bad-request";
inline constexpr char MalformedJson[] = "malformed-json";
inline constexpr char UnsupportedMediaType[] = "unsupported-media-type";
inline constexpr char ValidationFailed[] = "validation-failed";
inline constexpr char UnknownField[] = "unknown-field";
inline constexpr char NotFound[] = "not-found";
inline constexpr char MethodNotAllowed[] = "method-not-allowed";
inline constexpr char Unauthenticated[] = "unauthenticated";
inline constexpr char InvalidCredentials[] = "invalid-credentials";
inline constexpr char AccountLocked[] = "account-locked";
inline constexpr char Forbidden[] = "forbidden";
inline constexpr char BatchTooLarge[] = "batch-too-large";
inline constexpr char PayloadTooLarge[] = "payload-too-large";
inline constexpr char NothingToReport[] = "nothing-to-report";
// A report's snapshot (the decisions its preview showed) is not what the server would report now: nothing was sent.
inline constexpr char ReportChanged[] = "report-changed";
inline constexpr char IdempotencyMismatch[] = "idempotency-key-reused";
inline constexpr char Conflict[] = "conflict";
inline constexpr char DirectorNotConfirmed[] = "director-not-confirmed";
inline constexpr char PasswordChangeRequired[] = "password-change-required";
inline constexpr char WeakPassword[] = "weak-password";
inline constexpr char ConsentRequired[] = "consent-required";
inline constexpr char ConsentOutdated[] = "consent-version-outdated";
inline constexpr char AlreadySubmitted[] = "already-submitted";
inline constexpr char InnMismatch[] = "inn-mismatch";
inline constexpr char UnsupportedFileType[] = "unsupported-file-type";
inline constexpr char TeacherNotApproved[] = "teacher-not-approved";
inline constexpr char InvalidCursor[] = "invalid-cursor";
inline constexpr char PasswordSignInDisabled[] = "password-sign-in-disabled"; // "ESIA only"
// Transport limits of the HTTP front end (answered before a route sees the request).
inline constexpr char HeaderTooLarge[] = "header-too-large";
inline constexpr char LengthRequired[] = "length-required";
inline constexpr char RequestTimeout[] = "request-timeout";
inline constexpr char ExpectationFailed[] = "expectation-failed";
inline constexpr char Internal[] = "internal-error";
inline constexpr char Unavailable[] = "service-unavailable";

// Client-side only: transport failures that never came from a server.
inline constexpr char NetworkError[] = "network-error";
inline constexpr char CertificateUntrusted[] = "certificate-untrusted"; // TLS: the server's certificate is not trusted
inline constexpr char Timeout[] = "timeout";
inline constexpr char BadResponse[] = "bad-response";

} // namespace sg::errc
