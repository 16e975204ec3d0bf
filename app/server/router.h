#pragma once

#include "server/httpmessage.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace sg::server {

// Maps (method, path pattern) to a handler. Patterns are literal segments and {name} placeholders:
// "/api/v1/schools/{id}/members". Unknown paths get 404, known paths with another method 405, both as problems.
class Router
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &, const QStringList &params)>;

    struct Route
    {
        QByteArray method;
        QString pattern;
    };

    void add(const QByteArray &method, const QString &pattern, Handler handler);
    HttpResponse dispatch(const HttpRequest &request) const;
    QList<Route> routes() const;

private:
    struct Entry
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Handler handler;
    };
    static bool match(const Entry &entry, const QStringList &segments, QStringList *params);

    QList<Entry> m_entries;
};

} // namespace sg::server
