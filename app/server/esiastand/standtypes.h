#pragma once

#include "server/httpmessage.h"

#include <QDate>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// The value types of the ESIA test stand: accounts as the stand keeps them, what a caller gives to create one,
// and the stand's options.
namespace sg::esiastand {

// ESIA's account levels. A child's account has no level of its own (its id_token says "KD").
enum class AccountLevel { Simplified, Standard, Confirmed };

// "simplified", "standard", "confirmed".
QString levelName(AccountLevel level);
std::optional<AccountLevel> levelFromName(const QString &name);

// An organisation a person belongs to, as GET /rs/prns/{oid}/roles lists it.
struct OrganisationSpec
{
    QString name; // full name
    QString ogrn; // 13 digits (checked)
    QString inn; // 10 digits (checked)
    bool chief = false; // the person heads it (director)
};

struct Organisation
{
    QString id; // the organisation's own oid in the stand
    QString name;
    QString ogrn;
    QString inn;
    bool chief = false;
};

// A person to create. At least one of email, phone and snils, each unique among the stand's accounts. Phone in any
// common Russian spelling (+7 …, 8 …, 10 digits), SNILS with or without separators; both are normalised.
struct AccountSpec
{
    QString lastName;
    QString firstName;
    QString middleName; // optional
    QDate birthDate; // required for the standard and confirmed levels and for a child
    QString gender; // "M", "F" or empty
    QString snils; // required for the standard and confirmed levels and for a child
    QString email;
    QString phone;
    QString password; // at least 8 characters with letters and digits
    AccountLevel level = AccountLevel::Simplified;
    bool emailVerified = true;
};

// An account as stored.
struct Account
{
    QString oid; // digits
    QString lastName;
    QString firstName;
    QString middleName;
    QDate birthDate; // null when unknown
    QString gender;
    QString snils; // 11 digits or empty
    QString email; // lower case or empty
    QString phone; // +7XXXXXXXXXX or empty
    QByteArray passwordHash;
    AccountLevel level = AccountLevel::Simplified;
    bool child = false;
    QString parentOid; // a child's parent
    bool emailVerified = false;
    QDateTime createdAt;
    QString passport; // "1234 567890" (series and number of a Russian passport) or empty
    QDateTime confirmationRequestedAt; // the person asked for confirmation on the profile page; null when not
};

// Failed sign-ins: after freeFailures failures each new try waits 1, 2, 4 … s (at most maxWaitSecs) after the last
// failure; after maxFailuresPerHour failures in an hour the account rests until the hour is over. The same per
// client address with maxAddressFailuresPerHour. A success clears the account's record.
struct LoginLimits
{
    int freeFailures = 5;
    int maxFailuresPerHour = 30;
    int maxAddressFailuresPerHour = 200;
    int maxWaitSecs = 15 * 60;
};

struct StandOptions
{
    QString dataDir; // esia-stand.sqlite, the signing key and (for the CLI) the mail drop
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port
    // The address people and clients reach the stand at: links in mail, the id_token's iss. Empty: the listen
    // address (http://127.0.0.1:<port>).
    QUrl publicUrl;
    LoginLimits limits;
    server::TransportLimits transport;
    int persistentSessionDays = 7; // a sign-in kept on this computer
    int foreignSessionMinutes = 30; // «Чужой компьютер»: a browser-session cookie that also ends on the server
};

} // namespace sg::esiastand
