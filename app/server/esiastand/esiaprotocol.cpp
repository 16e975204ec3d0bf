#include "esiastand/esiaprotocol.h"

#include <QRegularExpression>
#include <QStringDecoder>
#include <QTimeZone>

namespace sg::esiastand {

QByteArray secretMessage(const QString &clientId, const QString &scope, const QString &scopeOrg,
    const QString &timestamp, const QString &state, const QString &redirectUri, const QString &code)
{
    return (clientId + scope + scopeOrg + timestamp + state + redirectUri + code).toUtf8();
}

QString formatTimestamp(const QDateTime &time)
{
    const int offset = time.offsetFromUtc();
    const int minutes = (offset < 0 ? -offset : offset) / 60;
    return time.toString(QStringLiteral("yyyy.MM.dd HH:mm:ss ")) + QLatin1Char(offset < 0 ? '-' : '+')
        + QStringLiteral("%1%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

std::optional<QDateTime> parseTimestamp(const QString &text)
{
    static const QRegularExpression shape(
        QStringLiteral("^(\\d{4})\\.(\\d{2})\\.(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) ([+-])(\\d{2})(\\d{2})$"));
    const QRegularExpressionMatch m = shape.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const auto n = [&m](int group) { return m.captured(group).toInt(); };
    const QDate date(n(1), n(2), n(3));
    const QTime time(n(4), n(5), n(6));
    const int offsetHours = n(8);
    const int offsetMinutes = n(9);
    if (!date.isValid() || !time.isValid() || offsetHours > 14 || offsetMinutes > 59)
        return std::nullopt;
    const int offset = (offsetHours * 3600 + offsetMinutes * 60) * (m.captured(7) == QLatin1String("-") ? -1 : 1);
    const QDateTime local(date, time, QTimeZone(offset));
    if (!local.isValid())
        return std::nullopt;
    return local.toUTC();
}

QByteArray encodeForm(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += name.toUtf8().toPercentEncoding() + '=' + value.toUtf8().toPercentEncoding();
    }
    return out;
}

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<QString> decodeComponent(QByteArrayView part)
{
    QByteArray bytes;
    bytes.reserve(part.size());
    for (qsizetype i = 0; i < part.size(); ++i) {
        const char c = part.at(i);
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%') {
            if (i + 2 >= part.size())
                return std::nullopt;
            const int hi = hexValue(part.at(i + 1));
            const int lo = hexValue(part.at(i + 2));
            if (hi < 0 || lo < 0)
                return std::nullopt;
            bytes += char(hi * 16 + lo);
            i += 2;
        } else {
            bytes += c;
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(bytes);
    if (utf8.hasError())
        return std::nullopt;
    return text;
}

} // namespace

std::optional<QList<QPair<QString, QString>>> decodeForm(const QByteArray &encoded)
{
    QList<QPair<QString, QString>> out;
    if (encoded.isEmpty())
        return out;
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const auto name = decodeComponent(eq < 0 ? QByteArrayView(pair) : QByteArrayView(pair).first(eq));
        const auto value = decodeComponent(eq < 0 ? QByteArrayView() : QByteArrayView(pair).sliced(eq + 1));
        if (!name || !value)
            return std::nullopt;
        out.append(qMakePair(*name, *value));
    }
    return out;
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(const QByteArray &text)
{
    for (const char c : text) {
        const bool ok =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    if (text.size() % 4 == 1)
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

QString oidFrom(const QJsonValue &value)
{
    static const QRegularExpression digits(QStringLiteral("^[1-9][0-9]{0,18}$"));
    if (value.isString())
        return digits.match(value.toString()).hasMatch() ? value.toString() : QString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= 1 && d < 9007199254740992.0 && d == double(qint64(d)))
            return QString::number(qint64(d));
    }
    return {};
}

QUrl normalizedRedirectUri(const QString &text)
{
    if (text.isEmpty() || text.size() > 2000)
        return {};
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.hasFragment() || !url.userInfo().isEmpty() || url.host().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return {};
    url.setScheme(scheme);
    url.setHost(url.host().toLower());
    if ((scheme == QLatin1String("http") && url.port() == 80)
        || (scheme == QLatin1String("https") && url.port() == 443))
        url.setPort(-1);
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    return url;
}

bool redirectUriMatches(const QString &registered, const QString &requested)
{
    const QUrl want = normalizedRedirectUri(registered);
    QUrl got = normalizedRedirectUri(requested);
    if (!want.isValid() || !got.isValid())
        return false;
    const bool loopback = want.scheme() == QLatin1String("http")
        && (want.host() == QLatin1String("127.0.0.1") || want.host() == QLatin1String("::1"));
    if (loopback && got.host() == want.host())
        got.setPort(want.port());
    return got == want;
}

} // namespace sg::esiastand
