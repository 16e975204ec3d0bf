#pragma once

#include "server/httpmessage.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrl>

#include <optional>

namespace sg::server {

// The server's own HTML pages (sign-in through ESIA, setting a password from a mailed link): one look, Russian,
// readable at 320 px, no script. Their answers carry a strict Content-Security-Policy (nothing loads; forms post
// to this server, and to `extraFormAction` when given: an origin such as the client's loopback address) and
// Referrer-Policy: no-referrer, so a token in the page's address never leaves in a Referer header.
// The language of a page: Russian first, English second. `lang=en|ru` of the query (or of the form, when given)
// decides; otherwise the browser's Accept-Language (the better of en and ru by q-value); otherwise Russian.
enum class PageLanguage { Russian, English };
PageLanguage pageLanguage(const HttpRequest &request, const QHash<QString, QString> *form = nullptr);

// The language of one request's pages (and mail): t() picks the text, field() keeps the choice through a form.
struct Lang
{
    bool en = false;
    QString t(const QString &russian, const QString &english) const { return en ? english : russian; }
    QString code() const { return en ? QStringLiteral("en") : QStringLiteral("ru"); }
    PageLanguage page() const { return en ? PageLanguage::English : PageLanguage::Russian; }
    QString field() const
    {
        return en ? QStringLiteral("<input type=\"hidden\" name=\"lang\" value=\"en\">") : QString();
    }
};
inline Lang langOf(const HttpRequest &request, const QHash<QString, QString> *form = nullptr)
{
    return Lang{pageLanguage(request, form) == PageLanguage::English};
}

HttpResponse htmlPage(int status, const QString &title, const QString &bodyHtml, const QByteArray &extraFormAction = {},
    PageLanguage language = PageLanguage::Russian);

// An address on this server as people's browsers reach it: `path` ("/api/v1/…") under the public base URL (whose
// own path, e.g. behind a proxy, is kept), with ?token= when a token is given.
QUrl publicLink(const QUrl &base, const QString &path, const QString &token = {});

// The fields of an application/x-www-form-urlencoded body; nullopt for another type, a malformed body or a field
// given twice (one value per field: a repeated one is not ours to choose from).
std::optional<QHash<QString, QString>> formFields(const HttpRequest &request);

} // namespace sg::server
