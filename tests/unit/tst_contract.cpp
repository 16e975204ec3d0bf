// The API as built and the API as documented agree: the (method, path) pairs the server's router serves are exactly
// the operations of docs/api/openapi.yaml, and every error code the server can send (app/core/errorcodes.h, all but
// the client-only section) is in the documented enum of the problem document's `code`. The YAML is read with a
// small line-based reader that understands the block style the file is written in (two spaces per level), not
// with a YAML library.

#include "server/apiservice.h"
#include "server/router.h"
#include "server/server.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <optional>

#ifndef SG_OPENAPI_PATH
#error "SG_OPENAPI_PATH must name docs/api/openapi.yaml"
#endif
#ifndef SG_ERRORCODES_PATH
#error "SG_ERRORCODES_PATH must name app/core/errorcodes.h"
#endif

namespace {

int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && line.at(i) == QLatin1Char(' '))
        ++i;
    return i;
}

bool isContent(const QString &line)
{
    const QString t = line.trimmed();
    return !t.isEmpty() && !t.startsWith(QLatin1Char('#'));
}

// The key of a mapping line ("key:" or "key: value") at exactly this indentation, or an empty string.
QString keyAt(const QString &line, int indent)
{
    static const QRegularExpression keyLine(QStringLiteral("^([^\\s#'\"\\-][^:]*|'[^']*'|\"[^\"]*\"):(\\s|$)"));
    if (!isContent(line) || indentOf(line) != indent)
        return {};
    const auto m = keyLine.match(line.mid(indent));
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

// The end (exclusive) of the block that the key on line `at` opens: the next content line indented no deeper.
qsizetype blockEnd(const QStringList &lines, qsizetype at)
{
    const int indent = indentOf(lines.at(at));
    for (qsizetype i = at + 1; i < lines.size(); ++i) {
        if (isContent(lines.at(i)) && indentOf(lines.at(i)) <= indent)
            return i;
    }
    return lines.size();
}

// The line of `key` at this indentation within [from, to).
std::optional<qsizetype> findKey(const QStringList &lines, qsizetype from, qsizetype to, int indent, const QString &key)
{
    for (qsizetype i = from; i < to; ++i) {
        if (keyAt(lines.at(i), indent) == key)
            return i;
    }
    return std::nullopt;
}

QString normalisedPath(QString path)
{
    static const QRegularExpression param(QStringLiteral("\\{[^}]*\\}"));
    return path.replace(param, QStringLiteral("{}"));
}

QString operation(const QString &method, const QString &path)
{
    return method.toUpper() + QLatin1Char(' ') + normalisedPath(path);
}

// "METHOD /path/{}" for every operation under `paths:`; *problems collects lines the reader does not understand.
QSet<QString> documentedOperations(const QStringList &lines, QStringList *problems)
{
    static const QSet<QString> methods{QStringLiteral("get"), QStringLiteral("put"), QStringLiteral("post"),
        QStringLiteral("delete"), QStringLiteral("patch"), QStringLiteral("head"), QStringLiteral("options"),
        QStringLiteral("trace")};
    static const QSet<QString> pathItemFields{QStringLiteral("parameters"), QStringLiteral("summary"),
        QStringLiteral("description"), QStringLiteral("servers")};
    QSet<QString> out;
    const auto paths = findKey(lines, 0, lines.size(), 0, QStringLiteral("paths"));
    if (!paths) {
        problems->append(QStringLiteral("no top-level paths:"));
        return out;
    }
    QString current;
    for (qsizetype i = *paths + 1, end = blockEnd(lines, *paths); i < end; ++i) {
        if (const QString path = keyAt(lines.at(i), 2); !path.isEmpty()) {
            current = path;
            if (!path.startsWith(QLatin1String("/api/v1/")))
                problems->append(QStringLiteral("line %1: path outside /api/v1: %2").arg(i + 1).arg(path));
            continue;
        }
        const QString key = keyAt(lines.at(i), 4);
        if (key.isEmpty())
            continue;
        if (methods.contains(key) && !current.isEmpty())
            out.insert(operation(key, current));
        else if (!pathItemFields.contains(key))
            problems->append(QStringLiteral("line %1: unexpected key %2 under %3").arg(i + 1).arg(key, current));
    }
    return out;
}

QString unquoted(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2
        && ((value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
            || (value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))))
        value = value.mid(1, value.size() - 2);
    return value;
}

// The values of the `enum:` on line `at`: inline ([a, b]) or as a block list (- a).
QStringList enumValues(const QStringList &lines, qsizetype at)
{
    QStringList out;
    const QString line = lines.at(at);
    const qsizetype open = line.indexOf(QLatin1Char('['));
    if (open >= 0) {
        const qsizetype close = line.lastIndexOf(QLatin1Char(']'));
        for (const QString &v : line.mid(open + 1, close - open - 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            out.append(unquoted(v));
        return out;
    }
    for (qsizetype i = at + 1, end = blockEnd(lines, at); i < end; ++i) {
        const QString t = lines.at(i).trimmed();
        if (t.startsWith(QLatin1String("- ")))
            out.append(unquoted(t.mid(2)));
    }
    return out;
}

// The enum of the problem document's `code` property, following a $ref to a schema of components/schemas.
std::optional<QStringList> problemCodes(const QStringList &lines, QString *error)
{
    const auto fail = [error](const QString &what) {
        *error = what;
        return std::nullopt;
    };
    const auto components = findKey(lines, 0, lines.size(), 0, QStringLiteral("components"));
    if (!components)
        return fail(QStringLiteral("no top-level components:"));
    const auto schemas = findKey(lines, *components + 1, blockEnd(lines, *components), 2, QStringLiteral("schemas"));
    if (!schemas)
        return fail(QStringLiteral("no components/schemas:"));
    const qsizetype schemasEnd = blockEnd(lines, *schemas);
    const auto schema = [&](const QString &name) { return findKey(lines, *schemas + 1, schemasEnd, 4, name); };
    const auto problem = schema(QStringLiteral("Problem"));
    if (!problem)
        return fail(QStringLiteral("no schema Problem"));
    const auto properties = findKey(lines, *problem + 1, blockEnd(lines, *problem), 6, QStringLiteral("properties"));
    const auto code = properties
        ? findKey(lines, *properties + 1, blockEnd(lines, *properties), 8, QStringLiteral("code"))
        : std::nullopt;
    if (!code)
        return fail(QStringLiteral("no property Problem.code"));
    const qsizetype codeEnd = blockEnd(lines, *code);
    if (const auto inlineEnum = findKey(lines, *code + 1, codeEnd, 10, QStringLiteral("enum")))
        return enumValues(lines, *inlineEnum);
    static const QRegularExpression ref(QStringLiteral("#/components/schemas/([A-Za-z0-9_.-]+)"));
    const auto m = ref.match(lines.mid(*code, codeEnd - *code).join(QLatin1Char('\n')));
    if (!m.hasMatch())
        return fail(QStringLiteral("Problem.code has neither an enum nor a $ref"));
    const auto target = schema(m.captured(1));
    if (!target)
        return fail(QStringLiteral("Problem.code refers to a missing schema ") + m.captured(1));
    const auto values = findKey(lines, *target + 1, blockEnd(lines, *target), 6, QStringLiteral("enum"));
    if (!values)
        return fail(QStringLiteral("schema %1 has no enum").arg(m.captured(1)));
    return enumValues(lines, *values);
}

struct ErrorCodes
{
    QStringList server; // "value (Name)" is built from these two lists
    QStringList serverNames;
    QStringList clientOnly;
};

// The codes of errorcodes.h; those after the "Client-side only" comment never come from a server.
std::optional<ErrorCodes> readErrorCodes(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return std::nullopt;
    }
    static const QRegularExpression constant(
        QStringLiteral("inline\\s+constexpr\\s+char\\s+(\\w+)\\[\\]\\s*=\\s*\"([^\"]*)\"\\s*;"));
    ErrorCodes codes;
    bool clientSection = false;
    bool sawMarker = false;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        if (line.contains(QLatin1String("Client-side only"))) {
            clientSection = sawMarker = true;
            continue;
        }
        const auto m = constant.match(line);
        if (!m.hasMatch())
            continue;
        if (clientSection) {
            codes.clientOnly.append(m.captured(2));
        } else {
            codes.server.append(m.captured(2));
            codes.serverNames.append(m.captured(1));
        }
    }
    if (!sawMarker) {
        *error = path + QStringLiteral(" no longer marks its client-only codes (\"Client-side only\")");
        return std::nullopt;
    }
    return codes;
}

QStringList readLines(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace

class TestContract : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void yamlReader();
    void routesMatchDocumentedOperations();
    void serverErrorCodesAreDocumented();
    void documentedErrorCodesExist();

private:
    QStringList m_yaml;
    ErrorCodes m_codes;
};

void TestContract::initTestCase()
{
    QString error;
    m_yaml = readLines(QStringLiteral(SG_OPENAPI_PATH), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto codes = readErrorCodes(QStringLiteral(SG_ERRORCODES_PATH), &error);
    QVERIFY2(codes, qPrintable(error));
    m_codes = *codes;
    QVERIFY(m_codes.server.size() >= 10);
}

// The reader on a sample in the file's style: path-level parameters are no operations, {names} are normalised,
// the walk stops at the next top-level key, and the code enum is found through its $ref.
void TestContract::yamlReader()
{
    const QStringList sample = QStringLiteral("openapi: 3.0.3\n"
                                              "paths:\n"
                                              "  /api/v1/things/{thingId}:\n"
                                              "    parameters:\n"
                                              "      - $ref: '#/components/parameters/ThingId'\n"
                                              "    get:\n"
                                              "      summary: 'get: one thing'\n"
                                              "      responses:\n"
                                              "        '200':\n"
                                              "          description: post: not a method\n"
                                              "\n"
                                              "    delete:\n"
                                              "      responses: {}\n"
                                              "  /api/v1/things:\n"
                                              "    post:\n"
                                              "      summary: x\n"
                                              "components:\n"
                                              "  paths:\n"
                                              "    get: {}\n"
                                              "  schemas:\n"
                                              "    Problem:\n"
                                              "      properties:\n"
                                              "        code:\n"
                                              "          $ref: '#/components/schemas/Code'\n"
                                              "    Code:\n"
                                              "      type: string\n"
                                              "      enum:\n"
                                              "        - not-found\n"
                                              "        - 'conflict'\n"
                                              "    Inline:\n"
                                              "      enum: [a, b]\n")
                                   .split(QLatin1Char('\n'));
    QStringList problems;
    const QSet<QString> ops = documentedOperations(sample, &problems);
    QCOMPARE(sorted(ops),
        QStringList({QStringLiteral("DELETE /api/v1/things/{}"), QStringLiteral("GET /api/v1/things/{}"),
            QStringLiteral("POST /api/v1/things")}));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QString error;
    const auto codes = problemCodes(sample, &error);
    QVERIFY2(codes, qPrintable(error));
    QCOMPARE(*codes, QStringList({QStringLiteral("not-found"), QStringLiteral("conflict")}));
    QCOMPARE(enumValues(sample, sample.indexOf(QStringLiteral("      enum: [a, b]"))),
        QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(operation(QStringLiteral("get"), QStringLiteral("/api/v1/schools/{id}/reports/{reportId}")),
        QStringLiteral("GET /api/v1/schools/{}/reports/{}"));
}

void TestContract::routesMatchDocumentedOperations()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    sg::server::ServerOptions options;
    options.dataDir = dir.path();
    sg::server::Server server(options);
    const auto opened = server.open();
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    QSet<QString> routed;
    for (const auto &route : server.api().router().routes())
        routed.insert(operation(QString::fromLatin1(route.method), route.pattern));
    QVERIFY(routed.size() >= 10);

    QStringList problems;
    const QSet<QString> documented = documentedOperations(m_yaml, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("openapi.yaml: ") + problems.join(QStringLiteral("; "))));
    QVERIFY(!documented.isEmpty());

    const QStringList undocumented = sorted(routed - documented);
    const QStringList unrouted = sorted(documented - routed);
    QVERIFY2(undocumented.isEmpty() && unrouted.isEmpty(),
        qPrintable(QStringLiteral("routes and openapi.yaml differ.\n  served but not documented: %1\n"
                                  "  documented but not served: %2")
                       .arg(undocumented.isEmpty() ? QStringLiteral("-") : undocumented.join(QStringLiteral(", ")),
                           unrouted.isEmpty() ? QStringLiteral("-") : unrouted.join(QStringLiteral(", ")))));
}

void TestContract::serverErrorCodesAreDocumented()
{
    QString error;
    const auto documented = problemCodes(m_yaml, &error);
    QVERIFY2(documented, qPrintable(QStringLiteral("openapi.yaml: ") + error));
    QStringList missing;
    for (qsizetype i = 0; i < m_codes.server.size(); ++i) {
        if (!documented->contains(m_codes.server.at(i)))
            missing.append(QStringLiteral("%1 (errc::%2)").arg(m_codes.server.at(i), m_codes.serverNames.at(i)));
    }
    QVERIFY2(missing.isEmpty(),
        qPrintable(QStringLiteral("error codes the server can send but the Problem code enum lacks: ")
            + missing.join(QStringLiteral(", "))));
}

// The other direction: a documented code that errorcodes.h does not define, or one that only the client uses.
void TestContract::documentedErrorCodesExist()
{
    QString error;
    const auto documented = problemCodes(m_yaml, &error);
    QVERIFY2(documented, qPrintable(QStringLiteral("openapi.yaml: ") + error));
    QStringList unknown;
    QStringList clientOnly;
    for (const QString &code : *documented) {
        if (m_codes.clientOnly.contains(code))
            clientOnly.append(code);
        else if (!m_codes.server.contains(code))
            unknown.append(code);
    }
    QVERIFY2(unknown.isEmpty(),
        qPrintable(QStringLiteral("documented codes not in errorcodes.h: ") + unknown.join(QStringLiteral(", "))));
    QVERIFY2(clientOnly.isEmpty(),
        qPrintable(
            QStringLiteral("documented codes that only the client uses: ") + clientOnly.join(QStringLiteral(", "))));
}

QTEST_GUILESS_MAIN(TestContract)

#include "tst_contract.moc"
