#pragma once

// The director-confirmation part of the /api/v1 protocol: consent, submissions («подтверждение директора»,
// «смена директора» with the order «Приказ»), the operator's decision, and the status card.

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace sg::proto {

inline constexpr qint64 kMaxOrderBytes = 5 * 1024 * 1024;

struct ConsentText
{
    QString version;
    QString text;

    QJsonObject toJson() const;
    static Result<ConsentText> fromJson(const QJsonObject &json);
};

// An attached file as it travels in JSON (base64).
struct OrderFile
{
    QString fileName;
    QString contentType; // detected from the content: application/pdf, image/jpeg or image/png
    QByteArray data;

    QJsonObject toJson() const;
    static Result<OrderFile> fromJson(const QJsonObject &json, const QString &path = {});
    // The type the bytes really are (by signature), or empty when not PDF, JPEG or PNG.
    static QString detectType(const QByteArray &data);
};

struct DirectorSubmission
{
    Q_DECLARE_TR_FUNCTIONS(sg::proto::DirectorSubmission)

public:
    enum class Kind { Initial, Change };

    Kind kind = Kind::Initial;
    QString surname;
    QString name;
    QString patronymic;
    QString position;
    QString email;
    QString phone;
    QString inn; // of the organisation: 10 digits, valid check digit
    std::optional<OrderFile> order; // required for a change

    QJsonObject toJson() const;
    // Strict: checks types, lengths, the INN's check digit, the e-mail's shape and the order file's type and size.
    static Result<DirectorSubmission> fromJson(const QJsonObject &json);
};

struct DirectorRequest
{
    qint64 id = 0;
    qint64 schoolId = 0;
    QString schoolName;
    QString schoolInn;
    DirectorSubmission submission; // without the order bytes
    QString status; // "submitted", "confirmed", "rejected"
    QString reason; // of a rejection
    QDateTime submittedAt;
    QDate expectedBy; // 2 business days after submission (Moscow calendar)
    QDateTime decidedAt;
    QString orderFileName;
    QString orderContentType;
    qint64 orderSize = 0;
    qint64 version = 1;

    QJsonObject toJson() const;
    static Result<DirectorRequest> fromJson(const QJsonObject &json);
};

// A message to the school, shown in the app (and sent by e-mail).
struct Notification
{
    qint64 id = 0;
    QString kind; // "director.submitted", "director.confirmed", "director.rejected", ...
    QString title;
    QString body;
    QDateTime createdAt;
    bool read = false;

    QJsonObject toJson() const;
    static Result<Notification> fromJson(const QJsonObject &json);
};

// What the school sees: where confirmation stands, and (only after consent) how to send the director's data.
struct DirectorCard
{
    QString status; // "none", "consented", "submitted", "confirmed", "rejected"
    QString directorName;
    QString consentVersion; // empty = no consent yet
    QDateTime consentedAt;
    QString supportEmail; // revealed only after consent
    std::optional<DirectorRequest> lastRequest;
    bool changePending = false;

    QJsonObject toJson() const;
    static Result<DirectorCard> fromJson(const QJsonObject &json);
};

} // namespace sg::proto
