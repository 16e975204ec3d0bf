#include "server/router.h"

#include "core/errorcodes.h"

#include <QCoreApplication>

namespace sg::server {

void Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_entries.append(Entry{method, pattern, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), std::move(handler)});
}

bool Router::match(const Entry &entry, const QStringList &segments, QStringList *params)
{
    if (entry.segments.size() != segments.size())
        return false;
    params->clear();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &want = entry.segments.at(i);
        if (want.startsWith(QLatin1Char('{')))
            params->append(segments.at(i));
        else if (want != segments.at(i))
            return false;
    }
    return true;
}

HttpResponse Router::dispatch(const HttpRequest &request) const
{
    const QStringList segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList params;
    QList<QByteArray> allowed;
    for (const Entry &e : m_entries) {
        if (!match(e, segments, &params))
            continue;
        if (e.method == request.method || (request.method == "HEAD" && e.method == "GET"))
            return e.handler(request, params);
        allowed.append(e.method);
    }
    if (!allowed.isEmpty()) {
        HttpResponse r = HttpResponse::problem(405, QString::fromLatin1(errc::MethodNotAllowed),
            QCoreApplication::translate("sg::server", "This method is not allowed here."));
        r.headers.append(qMakePair(QByteArray("Allow"), allowed.join(", ")));
        return r;
    }
    return HttpResponse::problem(404, QString::fromLatin1(errc::NotFound),
        QCoreApplication::translate("sg::server", "There is no such resource."));
}

QList<Router::Route> Router::routes() const
{
    QList<Route> out;
    for (const Entry &e : m_entries)
        out.append(Route{e.method, e.pattern});
    return out;
}

} // namespace sg::server
