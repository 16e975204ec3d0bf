#pragma once

#include <QDate>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <utility>

// What the server's programs (schoolgate-server, schoolgate-esia-stand) read from their command lines.
namespace sg::server::commandline {

// "ADDRESS:PORT": an IPv4 or IPv6 address ("[::1]:8480" too; "localhost" is 127.0.0.1) and a port from 0 to 65535.
bool parseListen(const QString &text, QHostAddress *address, quint16 *port);
// A date as people type it: YYYY-MM-DD or DD.MM.YYYY; invalid otherwise.
QDate parseDate(const QString &text);

// A settings file of the server (--config FILE): the format of /etc/schoolgate/server.conf, which systemd reads with
// EnvironmentFile=. One NAME=value a line, NAME a letter or "_" followed by letters, digits or "_"; the value is the
// rest of the line as it stands, without spaces around it (no quotes, no escapes, no variables). Blank lines and
// lines starting with "#" are skipped; a UTF-8 byte order mark and Windows line ends (a file saved by Notepad) are
// taken. Returns the pairs in file order, or false with *error ("line N: ...") at the first line that is not one.
using Settings = QList<std::pair<QString, QString>>;
bool parseSettings(const QByteArray &text, Settings *settings, QString *error);

} // namespace sg::server::commandline
