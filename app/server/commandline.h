#pragma once

#include <QDate>
#include <QHostAddress>
#include <QString>

// What the server's programs (schoolgate-server, schoolgate-esia-stand) read from their command lines.
namespace sg::server::commandline {

// "ADDRESS:PORT": an IPv4 or IPv6 address ("[::1]:8480" too; "localhost" is 127.0.0.1) and a port from 0 to 65535.
bool parseListen(const QString &text, QHostAddress *address, quint16 *port);
// A date as people type it: YYYY-MM-DD or DD.MM.YYYY; invalid otherwise.
QDate parseDate(const QString &text);

} // namespace sg::server::commandline
