#include "server/webpage.h"

#include "esiastand/esiaprotocol.h"

#include <QUrlQuery>

namespace sg::server {

PageLanguage pageLanguage(const HttpRequest &request, const QHash<QString, QString> *form)
{
    QString chosen = request.query.queryItemValue(QStringLiteral("lang"));
    if (form && form->contains(QStringLiteral("lang")))
        chosen = form->value(QStringLiteral("lang"));
    if (chosen == QLatin1String("en"))
        return PageLanguage::English;
    if (chosen == QLatin1String("ru"))
        return PageLanguage::Russian;
    // Accept-Language: "en-GB,en;q=0.9,ru;q=0.8"; the first of the best q wins.
    double russian = -1, english = -1;
    const QList<QByteArray> ranges = request.header("accept-language").split(',');
    for (qsizetype i = 0; i < ranges.size() && i < 32; ++i) {
        const QList<QByteArray> parts = ranges.at(i).trimmed().split(';');
        const QByteArray tag = parts.value(0).trimmed().toLower();
        double q = 1.0;
        for (qsizetype k = 1; k < parts.size(); ++k) {
            const QByteArray param = parts.at(k).trimmed();
            if (param.startsWith("q=")) {
                bool ok = false;
                q = param.mid(2).toDouble(&ok);
                if (!ok)
                    q = 0;
            }
        }
        // Earlier ranges win ties: a tiny bonus by position.
        const double score = q - double(i) * 1e-6;
        if ((tag == "ru" || tag.startsWith("ru-")) && score > russian)
            russian = score;
        else if ((tag == "en" || tag.startsWith("en-")) && score > english)
            english = score;
    }
    return english > 0 && english > russian ? PageLanguage::English : PageLanguage::Russian;
}

HttpResponse htmlPage(
    int status, const QString &title, const QString &bodyHtml, const QByteArray &extraFormAction, PageLanguage language)
{
    static const QString style = QStringLiteral(
        "body{font-family:Arial,Helvetica,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0}"
        ".card{max-width:480px;margin:48px auto;background:#fff;border-radius:12px;padding:32px;"
        "box-shadow:0 2px 12px rgba(11,31,51,.12)}h1{font-size:22px;margin:0 0 16px}"
        "p{line-height:1.45}label{display:block;margin:16px 0 4px;font-size:14px;color:#4d5966}"
        "input[type=text],input[type=password],input[type=email],select{width:100%;box-sizing:border-box;"
        "padding:10px;font-size:16px;border:1px solid #c9d2dc;border-radius:8px;background:#fff;color:#0b1f33}"
        "fieldset{border:1px solid #c9d2dc;border-radius:8px;margin:16px 0 0;padding:4px 16px 12px}"
        "legend{font-size:14px;color:#4d5966;padding:0 4px}fieldset label,p>label{color:#0b1f33;font-size:16px}"
        "input[type=radio],input[type=checkbox]{width:20px;height:20px;margin:0 8px 0 0;vertical-align:middle}"
        "a{color:#0d4cd3}ul{padding-left:20px}li{margin:8px 0}:focus-visible{outline:3px solid #0d4cd3;"
        "outline-offset:2px}button{margin-top:20px;background:#0d4cd3;color:#fff;border:0;"
        "border-radius:8px;padding:12px 20px;font-size:16px;cursor:pointer}button.secondary{background:#e4ecfd;"
        "color:#0d4cd3;margin-left:8px}.error{background:#fdeeee;color:#a31b1b;padding:12px;border-radius:8px}"
        ".notice{background:#fff6e0;padding:12px;border-radius:8px}.box{border:1px solid #e1e7ee;"
        "border-radius:10px;padding:16px 20px;margin-top:20px}.hint{font-size:14px;color:#4d5966}"
        "@media (max-width:520px){.card{margin:0;border-radius:0;padding:20px}}");
    const QString html = QStringLiteral("<!DOCTYPE html><html lang=\"%4\"><head><meta charset=\"utf-8\">"
                                        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                                        "<title>%1</title><style>%2</style></head><body><main class=\"card\">"
                                        "<h1>%1</h1>%3</main></body></html>")
                             .arg(title.toHtmlEscaped(), style, bodyHtml,
                                 language == PageLanguage::English ? QStringLiteral("en") : QStringLiteral("ru"));
    HttpResponse r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    r.body = html.toUtf8();
    QByteArray formAction = "'self'";
    if (!extraFormAction.isEmpty())
        formAction += ' ' + extraFormAction;
    r.headers.append(qMakePair(QByteArray("Content-Security-Policy"),
        "default-src 'none'; style-src 'unsafe-inline'; form-action " + formAction + "; frame-ancestors 'none'"));
    r.headers.append(qMakePair(QByteArray("Referrer-Policy"), QByteArray("no-referrer")));
    r.headers.append(qMakePair(
        QByteArray("Content-Language"), language == PageLanguage::English ? QByteArray("en") : QByteArray("ru")));
    // The language may follow Accept-Language: caches must keep the two apart.
    r.headers.append(qMakePair(QByteArray("Vary"), QByteArray("Accept-Language")));
    return r;
}

QUrl publicLink(const QUrl &base, const QString &path, const QString &token)
{
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path);
    if (!token.isEmpty())
        url.setQuery(QUrlQuery{{QStringLiteral("token"), token}});
    return url;
}

std::optional<QHash<QString, QString>> formFields(const HttpRequest &request)
{
    const QByteArray type = request.header("content-type").toLower();
    if (!type.startsWith("application/x-www-form-urlencoded"))
        return std::nullopt;
    auto decoded = esiastand::decodeForm(request.body);
    if (!decoded)
        return std::nullopt;
    QHash<QString, QString> fields;
    for (const auto &[name, value] : *decoded) {
        if (fields.contains(name))
            return std::nullopt;
        fields.insert(name, value);
    }
    return fields;
}

} // namespace sg::server
