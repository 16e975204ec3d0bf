#include "browser.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>

#include <memory>

namespace sg::test {

// ---------------------------------------------------------------------------------------------------------------
// HTML reading

namespace {

struct Tag
{
    QString name; // lower case; "/name" for a closing tag
    QList<QPair<QString, QString>> attributes; // names lower case, values decoded
    qsizetype begin = 0; // index of '<'
    qsizetype end = 0; // index after '>'

    QString attribute(const QString &attributeName) const
    {
        for (const auto &[k, v] : attributes) {
            if (k == attributeName)
                return v;
        }
        return {};
    }
    bool hasAttribute(const QString &attributeName) const
    {
        for (const auto &[k, v] : attributes) {
            if (k == attributeName)
                return true;
        }
        return false;
    }
};

// The tags of a document in order; comments, doctype and the content of script and style are skipped.
QList<Tag> tagsOf(const QString &doc)
{
    QList<Tag> tags;
    qsizetype i = 0;
    const qsizetype n = doc.size();
    while (i < n) {
        const qsizetype lt = doc.indexOf(u'<', i);
        if (lt < 0)
            break;
        if (doc.mid(lt, 4) == QLatin1String("<!--")) {
            const qsizetype close = doc.indexOf(QLatin1String("-->"), lt + 4);
            i = close < 0 ? n : close + 3;
            continue;
        }
        if (lt + 1 < n && (doc.at(lt + 1) == u'!' || doc.at(lt + 1) == u'?')) {
            const qsizetype close = doc.indexOf(u'>', lt);
            i = close < 0 ? n : close + 1;
            continue;
        }
        qsizetype j = lt + 1;
        const bool closing = j < n && doc.at(j) == u'/';
        if (closing)
            ++j;
        const qsizetype nameStart = j;
        while (j < n && (doc.at(j).isLetterOrNumber() || doc.at(j) == u'-'))
            ++j;
        if (j == nameStart) { // a lone '<' in text
            i = lt + 1;
            continue;
        }
        Tag tag;
        tag.name = (closing ? QStringLiteral("/") : QString()) + doc.mid(nameStart, j - nameStart).toLower();
        tag.begin = lt;
        // Attributes.
        while (j < n && doc.at(j) != u'>') {
            if (doc.at(j).isSpace() || doc.at(j) == u'/') {
                ++j;
                continue;
            }
            const qsizetype an = j;
            while (j < n && !doc.at(j).isSpace() && doc.at(j) != u'=' && doc.at(j) != u'>' && doc.at(j) != u'/')
                ++j;
            const QString attrName = doc.mid(an, j - an).toLower();
            while (j < n && doc.at(j).isSpace())
                ++j;
            QString value;
            if (j < n && doc.at(j) == u'=') {
                ++j;
                while (j < n && doc.at(j).isSpace())
                    ++j;
                if (j < n && (doc.at(j) == u'"' || doc.at(j) == u'\'')) {
                    const QChar quote = doc.at(j);
                    const qsizetype close = doc.indexOf(quote, j + 1);
                    const qsizetype stop = close < 0 ? n : close;
                    value = doc.mid(j + 1, stop - j - 1);
                    j = close < 0 ? n : close + 1;
                } else {
                    const qsizetype vs = j;
                    while (j < n && !doc.at(j).isSpace() && doc.at(j) != u'>')
                        ++j;
                    value = doc.mid(vs, j - vs);
                }
            }
            if (!attrName.isEmpty())
                tag.attributes.append({attrName, html::decodeEntities(value)});
        }
        tag.end = j < n ? j + 1 : n;
        tags.append(tag);
        i = tag.end;
        // Raw text elements: their content holds no tags.
        if (tag.name == QLatin1String("script") || tag.name == QLatin1String("style")
            || tag.name == QLatin1String("textarea")) {
            const qsizetype close = doc.indexOf(QStringLiteral("</") + tag.name, i, Qt::CaseInsensitive);
            i = close < 0 ? n : close;
        }
    }
    return tags;
}

QString visibleText(const QString &doc, qsizetype from, qsizetype to)
{
    QString out;
    const QString part = doc.mid(from, to - from);
    const QList<Tag> tags = tagsOf(part);
    qsizetype pos = 0;
    bool skipping = false;
    for (const Tag &t : tags) {
        if (!skipping)
            out += part.mid(pos, t.begin - pos);
        out += u' ';
        if (t.name == QLatin1String("script") || t.name == QLatin1String("style"))
            skipping = true;
        else if (t.name == QLatin1String("/script") || t.name == QLatin1String("/style"))
            skipping = false;
        pos = t.end;
    }
    if (!skipping)
        out += part.mid(pos);
    return html::decodeEntities(out).simplified();
}

QUrl resolve(const QUrl &base, const QString &reference)
{
    return base.resolved(QUrl(reference));
}

} // namespace

bool HtmlField::isSubmitter() const
{
    return type == QLatin1String("submit") || type == QLatin1String("image") || type == QLatin1String("button-submit");
}

QString html::decodeEntities(const QString &text)
{
    if (!text.contains(u'&'))
        return text;
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c != u'&') {
            out += c;
            ++i;
            continue;
        }
        const qsizetype semi = text.indexOf(u';', i);
        if (semi < 0 || semi - i > 12) {
            out += c;
            ++i;
            continue;
        }
        const QString entity = text.mid(i + 1, semi - i - 1);
        QString replacement;
        if (entity == QLatin1String("amp"))
            replacement = QStringLiteral("&");
        else if (entity == QLatin1String("lt"))
            replacement = QStringLiteral("<");
        else if (entity == QLatin1String("gt"))
            replacement = QStringLiteral(">");
        else if (entity == QLatin1String("quot"))
            replacement = QStringLiteral("\"");
        else if (entity == QLatin1String("apos"))
            replacement = QStringLiteral("'");
        else if (entity == QLatin1String("nbsp"))
            replacement = QString(QChar(0x00A0));
        else if (entity.startsWith(u'#')) {
            bool ok = false;
            const uint code = entity.startsWith(QLatin1String("#x"), Qt::CaseInsensitive)
                ? entity.mid(2).toUInt(&ok, 16)
                : entity.mid(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10FFFF) {
                const char32_t ucs4 = char32_t(code);
                replacement = QString::fromUcs4(&ucs4, 1);
            }
        }
        if (replacement.isNull()) {
            out += c;
            ++i;
            continue;
        }
        out += replacement;
        i = semi + 1;
    }
    return out;
}

QList<HtmlForm> html::forms(const QByteArray &html, const QUrl &base)
{
    const QString doc = QString::fromUtf8(html);
    const QList<Tag> tags = tagsOf(doc);
    QList<HtmlForm> out;
    HtmlForm *form = nullptr;
    HtmlField *select = nullptr;
    bool selectHasSelected = false;
    for (qsizetype k = 0; k < tags.size(); ++k) {
        const Tag &t = tags.at(k);
        if (t.name == QLatin1String("form")) {
            out.append(HtmlForm{});
            form = &out.last();
            form->id = t.attribute(QStringLiteral("id"));
            form->action = t.attribute(QStringLiteral("action"));
            form->actionUrl = form->action.isEmpty() ? base : resolve(base, form->action);
            const QString method = t.attribute(QStringLiteral("method")).toUpper();
            form->method = method == QLatin1String("POST") ? QByteArray("POST") : QByteArray("GET");
            form->enctype = t.attribute(QStringLiteral("enctype"));
            select = nullptr;
            continue;
        }
        if (t.name == QLatin1String("/form")) {
            form = nullptr;
            select = nullptr;
            continue;
        }
        if (!form)
            continue;
        if (t.name == QLatin1String("input")) {
            HtmlField f;
            f.name = t.attribute(QStringLiteral("name"));
            f.type = t.hasAttribute(QStringLiteral("type")) ? t.attribute(QStringLiteral("type")).toLower()
                                                            : QStringLiteral("text");
            f.id = t.attribute(QStringLiteral("id"));
            f.checked = t.hasAttribute(QStringLiteral("checked"));
            f.disabled = t.hasAttribute(QStringLiteral("disabled"));
            if (t.hasAttribute(QStringLiteral("value")))
                f.value = t.attribute(QStringLiteral("value"));
            else if (f.type == QLatin1String("checkbox") || f.type == QLatin1String("radio"))
                f.value = QStringLiteral("on");
            form->fields.append(f);
        } else if (t.name == QLatin1String("textarea")) {
            HtmlField f;
            f.name = t.attribute(QStringLiteral("name"));
            f.type = QStringLiteral("textarea");
            f.id = t.attribute(QStringLiteral("id"));
            f.disabled = t.hasAttribute(QStringLiteral("disabled"));
            const qsizetype close = doc.indexOf(QLatin1String("</textarea"), t.end, Qt::CaseInsensitive);
            f.value = decodeEntities(doc.mid(t.end, (close < 0 ? doc.size() : close) - t.end));
            if (f.value.startsWith(u'\n'))
                f.value.remove(0, 1);
            form->fields.append(f);
        } else if (t.name == QLatin1String("button")) {
            HtmlField f;
            f.name = t.attribute(QStringLiteral("name"));
            const QString type = t.attribute(QStringLiteral("type")).toLower();
            f.type = type.isEmpty() || type == QLatin1String("submit") ? QStringLiteral("button-submit")
                                                                       : QStringLiteral("button");
            f.id = t.attribute(QStringLiteral("id"));
            f.value = t.attribute(QStringLiteral("value"));
            f.disabled = t.hasAttribute(QStringLiteral("disabled"));
            form->fields.append(f);
        } else if (t.name == QLatin1String("select")) {
            HtmlField f;
            f.name = t.attribute(QStringLiteral("name"));
            f.type = QStringLiteral("select");
            f.id = t.attribute(QStringLiteral("id"));
            f.disabled = t.hasAttribute(QStringLiteral("disabled"));
            form->fields.append(f);
            select = &form->fields.last();
            selectHasSelected = false;
        } else if (t.name == QLatin1String("/select")) {
            select = nullptr;
        } else if (t.name == QLatin1String("option") && select) {
            QString value;
            if (t.hasAttribute(QStringLiteral("value"))) {
                value = t.attribute(QStringLiteral("value"));
            } else {
                const qsizetype next = k + 1 < tags.size() ? tags.at(k + 1).begin : doc.size();
                value = decodeEntities(doc.mid(t.end, next - t.end)).simplified();
            }
            const bool selected = t.hasAttribute(QStringLiteral("selected"));
            if ((selected && !selectHasSelected) || (select->value.isNull() && !selectHasSelected)) {
                select->value = value;
                selectHasSelected = selected;
            }
        }
    }
    return out;
}

QList<HtmlLink> html::links(const QByteArray &html, const QUrl &base)
{
    const QString doc = QString::fromUtf8(html);
    const QList<Tag> tags = tagsOf(doc);
    QList<HtmlLink> out;
    for (qsizetype k = 0; k < tags.size(); ++k) {
        const Tag &t = tags.at(k);
        if (t.name != QLatin1String("a") || !t.hasAttribute(QStringLiteral("href")))
            continue;
        qsizetype close = doc.size();
        for (qsizetype m = k + 1; m < tags.size(); ++m) {
            if (tags.at(m).name == QLatin1String("/a")) {
                close = tags.at(m).begin;
                break;
            }
        }
        HtmlLink link;
        link.id = t.attribute(QStringLiteral("id"));
        link.href = t.attribute(QStringLiteral("href"));
        link.url = resolve(base, link.href);
        link.text = visibleText(doc, t.end, close);
        out.append(link);
    }
    return out;
}

QString html::text(const QByteArray &html)
{
    const QString doc = QString::fromUtf8(html);
    return visibleText(doc, 0, doc.size());
}

QString html::elementText(const QByteArray &html, const QString &id)
{
    const QString doc = QString::fromUtf8(html);
    const QList<Tag> tags = tagsOf(doc);
    for (qsizetype k = 0; k < tags.size(); ++k) {
        const Tag &t = tags.at(k);
        if (t.name.startsWith(u'/') || t.attribute(QStringLiteral("id")) != id || !t.hasAttribute(QStringLiteral("id")))
            continue;
        int depth = 1;
        for (qsizetype m = k + 1; m < tags.size(); ++m) {
            if (tags.at(m).name == t.name)
                ++depth;
            else if (tags.at(m).name == QLatin1Char('/') + t.name && --depth == 0)
                return visibleText(doc, t.end, tags.at(m).begin);
        }
        return visibleText(doc, t.end, doc.size());
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Forms

bool HtmlForm::has(const QString &name) const
{
    return field(name) != nullptr;
}

const HtmlField *HtmlForm::field(const QString &name) const
{
    for (const HtmlField &f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

QString HtmlForm::value(const QString &name) const
{
    const HtmlField *f = field(name);
    return f ? f->value : QString();
}

HtmlForm &HtmlForm::set(const QString &name, const QString &value)
{
    for (HtmlField &f : fields) {
        if (f.name == name) {
            f.value = value;
            return *this;
        }
    }
    fields.append(HtmlField{name, value, QStringLiteral("text"), {}, false, false});
    return *this;
}

HtmlForm &HtmlForm::check(const QString &name, bool on, const QString &value)
{
    for (HtmlField &f : fields) {
        if (f.name != name)
            continue;
        if (f.type == QLatin1String("radio"))
            f.checked = on && f.value == value;
        else if (value.isEmpty() || f.value == value)
            f.checked = on;
    }
    return *this;
}

HtmlForm &HtmlForm::remove(const QString &name)
{
    fields.removeIf([&name](const HtmlField &f) { return f.name == name; });
    return *this;
}

QList<QPair<QString, QString>> HtmlForm::submission(const QString &submitter) const
{
    QList<QPair<QString, QString>> out;
    for (const HtmlField &f : fields) {
        if (f.name.isEmpty() || f.disabled)
            continue;
        if ((f.type == QLatin1String("checkbox") || f.type == QLatin1String("radio")) && !f.checked)
            continue;
        if (f.type == QLatin1String("button") || f.type == QLatin1String("reset") || f.type == QLatin1String("file"))
            continue;
        if (f.isSubmitter() && (submitter.isEmpty() || (f.id != submitter && f.name != submitter)))
            continue;
        out.append({f.name, f.value});
    }
    return out;
}

QByteArray HtmlForm::encoded(const QString &submitter) const
{
    QByteArray out;
    for (const auto &[name, value] : submission(submitter)) {
        if (!out.isEmpty())
            out += '&';
        out += name.toUtf8().toPercentEncoding(" ").replace(' ', '+') + '='
            + value.toUtf8().toPercentEncoding(" ").replace(' ', '+');
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

QByteArray BrowserHop::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QList<QByteArray> BrowserHop::setCookies() const
{
    QList<QByteArray> out;
    for (const auto &[k, v] : headers) {
        if (k.compare("Set-Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &line : v.split('\n')) {
            if (!line.trimmed().isEmpty())
                out.append(line.trimmed());
        }
    }
    return out;
}

QUrl BrowserPage::location() const
{
    return hops.isEmpty() ? QUrl() : hops.last().location;
}

QByteArray BrowserPage::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QList<QByteArray> BrowserPage::setCookies() const
{
    return hops.isEmpty() ? QList<QByteArray>() : hops.last().setCookies();
}

std::optional<HtmlForm> BrowserPage::form(const QString &idOrAction) const
{
    const QList<HtmlForm> all = forms();
    for (const HtmlForm &f : all) {
        if (f.id == idOrAction)
            return f;
    }
    for (const HtmlForm &f : all) {
        if (f.action == idOrAction || f.actionUrl.path() == idOrAction)
            return f;
    }
    return std::nullopt;
}

std::optional<HtmlLink> BrowserPage::link(const QString &id) const
{
    for (const HtmlLink &l : html::links(body, url)) {
        if (l.id == id)
            return l;
    }
    return std::nullopt;
}

QJsonObject BrowserPage::json() const
{
    return QJsonDocument::fromJson(body).object();
}

// ---------------------------------------------------------------------------------------------------------------
// The browser

class Browser::Jar : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::allCookies;
    using QNetworkCookieJar::setAllCookies;
};

Browser::Browser()
{
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_jar = new Jar;
    m_network.setCookieJar(m_jar); // the manager owns it
}

Browser::~Browser() = default;

void Browser::followOnlyWithin(const QUrl &origin)
{
    const QString scheme = origin.scheme();
    const QString host = origin.host();
    const int port = origin.port(scheme == QLatin1String("https") ? 443 : 80);
    m_follow = [scheme, host, port](const QUrl &target) {
        return target.scheme() == scheme && target.host() == host
            && target.port(target.scheme() == QLatin1String("https") ? 443 : 80) == port;
    };
}

BrowserPage Browser::get(const QUrl &url, const HeaderList &headers)
{
    return run("GET", url, {}, headers, {});
}

BrowserPage Browser::post(const QUrl &url, const QList<QPair<QString, QString>> &fields, const HeaderList &headers)
{
    HtmlForm form;
    for (const auto &[k, v] : fields)
        form.fields.append(HtmlField{k, v, QStringLiteral("hidden"), {}, false, false});
    HeaderList h = headers;
    h.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
    return run("POST", url, form.encoded(), h, {});
}

BrowserPage Browser::send(const QByteArray &method, const QUrl &url, const QByteArray &body, const HeaderList &headers)
{
    return run(method, url, body, headers, {});
}

BrowserPage Browser::submit(const HtmlForm &form, const QString &submitter)
{
    if (form.method == "POST")
        return run("POST", form.actionUrl, form.encoded(submitter),
            {{QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")}}, {});
    QUrl url = form.actionUrl;
    url.setQuery(QString::fromLatin1(form.encoded(submitter)), QUrl::StrictMode);
    return run("GET", url, {}, {}, {});
}

BrowserPage Browser::follow(const BrowserPage &redirect)
{
    if (!redirect.isRedirect())
        return redirect;
    const int status = redirect.status;
    const BrowserHop &last = redirect.hops.last();
    const bool keep = status == 307 || status == 308;
    return run(keep ? last.method : QByteArray("GET"), redirect.location(), {}, {}, redirect.hops);
}

BrowserHop Browser::once(
    const QByteArray &method, const QUrl &url, const QByteArray &body, const HeaderList &headers, BrowserPage *page)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    BrowserHop hop;
    hop.method = method;
    hop.url = url;
    *page = BrowserPage{};
    page->url = url;
    if (!reply->isFinished() && !finished.wait(m_timeoutMs)) {
        reply->abort();
        page->networkError = QStringLiteral("no answer within %1 ms").arg(m_timeoutMs);
        return hop;
    }
    hop.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        hop.headers.append({pair.first, pair.second});
    const QByteArray location = reply->rawHeader("Location");
    if (hop.status >= 300 && hop.status < 400 && !location.isEmpty())
        hop.location = url.resolved(QUrl::fromEncoded(location, QUrl::StrictMode));
    page->status = hop.status;
    page->headers = hop.headers;
    page->contentType = reply->rawHeader("Content-Type");
    page->body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && hop.status == 0)
        page->networkError = reply->errorString();
    return hop;
}

BrowserPage Browser::run(QByteArray method, QUrl url, QByteArray body, HeaderList headers, QList<BrowserHop> hops)
{
    BrowserPage page;
    for (int step = 0;; ++step) {
        const BrowserHop hop = once(method, url, body, headers, &page);
        hops.append(hop);
        page.hops = hops;
        if (page.status == 0 || !hop.location.isValid() || step >= m_maxRedirects)
            return page;
        if (m_follow && !m_follow(hop.location))
            return page;
        if (hop.status != 307 && hop.status != 308) {
            method = "GET";
            body.clear();
            headers.clear();
        }
        url = hop.location;
    }
}

QList<QNetworkCookie> Browser::cookies(const QUrl &url) const
{
    return m_jar->cookiesForUrl(url);
}

std::optional<QNetworkCookie> Browser::cookie(const QUrl &url, const QByteArray &name) const
{
    for (const QNetworkCookie &c : cookies(url)) {
        if (c.name() == name)
            return c;
    }
    return std::nullopt;
}

QList<QNetworkCookie> Browser::allCookies() const
{
    return m_jar->allCookies();
}

void Browser::setCookie(const QNetworkCookie &cookie, const QUrl &url)
{
    m_jar->setCookiesFromUrl({cookie}, url);
}

void Browser::clearCookies()
{
    m_jar->setAllCookies({});
}

void Browser::endSession()
{
    QList<QNetworkCookie> kept = m_jar->allCookies();
    kept.removeIf([](const QNetworkCookie &c) { return c.isSessionCookie(); });
    m_jar->setAllCookies(kept);
}

} // namespace sg::test
