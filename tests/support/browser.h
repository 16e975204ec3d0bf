#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace sg::test {

// A test "browser" for integration tests of web pages and redirect flows (the ESIA stand, the ESIA broker): a
// QNetworkAccessManager with a cookie jar, GET and form POST, redirects followed by hand with every hop recorded,
// and a small HTML reader for forms, links and element text. Requests go straight to the address (no proxy), and
// it waits by spinning the event loop, so an in-process server answers.
//
//     Browser browser;
//     browser.followOnlyWithin(stand.baseUrl());          // stop at the redirect to the client's loopback URI
//     BrowserPage page = browser.get(authorizationUrl);
//     HtmlForm form = *page.form(QStringLiteral("login-form"));
//     form.set(QStringLiteral("login"), QStringLiteral("+7 916 123-45-67")).set(QStringLiteral("password"), pw);
//     page = browser.submit(form);                        // 302 to http://127.0.0.1:…/callback?code=…
//     QUrlQuery answer(page.location());

// One control of a form, as the HTML states it.
struct HtmlField
{
    QString name;
    QString value; // select: the selected option's value (the first option when none is selected)
    // An input's type in lower case ("text" when absent), or "select", "textarea", "button-submit" (a <button> that
    // submits the form) and "button" (any other <button>).
    QString type;
    QString id;
    bool checked = false; // checkboxes and radio buttons
    bool disabled = false;
    bool isSubmitter() const; // <button> of type submit, <input type=submit|image>
};

// A form read from a page. Fields can be changed before the form is submitted (Browser::submit).
class HtmlForm
{
public:
    QString id;
    QString action; // the attribute as written
    QUrl actionUrl; // resolved against the page's URL (the page itself when action is empty)
    QByteArray method = "GET"; // upper case
    QString enctype;
    QList<HtmlField> fields;

    bool has(const QString &name) const;
    // The value of the first field of that name (empty when none).
    QString value(const QString &name) const;
    const HtmlField *field(const QString &name) const;
    // Sets the first field of that name; adds a text field when there is none (as a hand-made request would).
    HtmlForm &set(const QString &name, const QString &value);
    // Ticks or clears a checkbox (or chooses the radio button of that name and value).
    HtmlForm &check(const QString &name, bool on = true, const QString &value = {});
    // Removes every field of that name (e.g. to send a form without its CSRF token).
    HtmlForm &remove(const QString &name);
    // What a browser sends: named, enabled controls in document order; checkboxes and radios only when checked;
    // buttons only when they are the submitter (given by id or name; empty: no button at all).
    QList<QPair<QString, QString>> submission(const QString &submitter = {}) const;
    // submission() as application/x-www-form-urlencoded (spaces as '+', UTF-8).
    QByteArray encoded(const QString &submitter = {}) const;
};

// An <a href> of a page.
struct HtmlLink
{
    QString id;
    QString href; // as written (entities decoded)
    QUrl url; // resolved against the page
    QString text; // the visible text
};

// Reading HTML as a browser would, for tests: tolerant of unclosed tags, no scripts, no CSS.
namespace html {
// &amp; &lt; &gt; &quot; &apos; &#39; &nbsp; and numeric references; others stay as written.
QString decodeEntities(const QString &text);
QList<HtmlForm> forms(const QByteArray &html, const QUrl &base);
QList<HtmlLink> links(const QByteArray &html, const QUrl &base);
// The visible text: tags dropped (script and style with their content), entities decoded, white space collapsed.
QString text(const QByteArray &html);
// The visible text inside the element with this id; a null string when there is none.
QString elementText(const QByteArray &html, const QString &id);
} // namespace html

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One answer on the way to a page: a redirect or the page itself.
struct BrowserHop
{
    QByteArray method;
    QUrl url;
    int status = 0;
    HeaderList headers;
    QUrl location; // a redirect's target, resolved against url; empty otherwise

    QByteArray header(const QByteArray &name) const;
    // Each Set-Cookie header of this answer as sent (Qt joins them with newlines; split again here).
    QList<QByteArray> setCookies() const;
};

// Where a request ended: the last answer, plus every hop (the last answer included) in order.
struct BrowserPage
{
    QUrl url;
    int status = 0; // 0 when no HTTP answer came (networkError says why)
    QByteArray contentType;
    QByteArray body;
    HeaderList headers;
    QString networkError;
    QList<BrowserHop> hops;

    bool isRedirect() const { return status >= 300 && status < 400 && location().isValid(); }
    // The target of a redirect that was not followed.
    QUrl location() const;
    QByteArray header(const QByteArray &name) const;
    QList<QByteArray> setCookies() const; // of this answer
    QString text() const { return html::text(body); }
    QString elementText(const QString &id) const { return html::elementText(body, id); }
    QList<HtmlForm> forms() const { return html::forms(body, url); }
    // The form with this id, or else the first whose action is this text or path.
    std::optional<HtmlForm> form(const QString &idOrAction) const;
    std::optional<HtmlLink> link(const QString &id) const;
    QJsonObject json() const;
};

class Browser
{
public:
    using Follow = std::function<bool(const QUrl &target)>;

    Browser();
    ~Browser();
    Browser(const Browser &) = delete;
    Browser &operator=(const Browser &) = delete;

    void setTimeout(int ms) { m_timeoutMs = ms; }
    void setMaxRedirects(int count) { m_maxRedirects = count; }
    // Decides for each redirect whether to follow it; a redirect not followed ends the request (the page is the
    // redirect itself). Default: follow every redirect, at most maxRedirects.
    void setFollow(Follow follow) { m_follow = std::move(follow); }
    // Follows only redirects to the same scheme, host and port as origin: a redirect to anywhere else (a client's
    // loopback redirect URI) is where the request stops.
    void followOnlyWithin(const QUrl &origin);
    // Follows every redirect again.
    void followAll() { m_follow = {}; }

    BrowserPage get(const QUrl &url, const HeaderList &headers = {});
    // A form POST (application/x-www-form-urlencoded) of these fields.
    BrowserPage post(const QUrl &url, const QList<QPair<QString, QString>> &fields, const HeaderList &headers = {});
    // Any method and body, for requests a browser would not send.
    BrowserPage send(
        const QByteArray &method, const QUrl &url, const QByteArray &body = {}, const HeaderList &headers = {});
    // Submits a form the way a browser does (GET with the fields as the query, or POST as a form body).
    BrowserPage submit(const HtmlForm &form, const QString &submitter = {});
    // Goes on from a redirect that was not followed (follow rules apply from there on).
    BrowserPage follow(const BrowserPage &redirect);

    // Cookies the jar would send to url, and one of them by name.
    QList<QNetworkCookie> cookies(const QUrl &url) const;
    std::optional<QNetworkCookie> cookie(const QUrl &url, const QByteArray &name) const;
    QList<QNetworkCookie> allCookies() const;
    void setCookie(const QNetworkCookie &cookie, const QUrl &url);
    void clearCookies();
    // Drops the session cookies (those without an expiry), as closing and reopening a browser does.
    void endSession();

    QNetworkAccessManager &network() { return m_network; }

private:
    class Jar;
    BrowserPage run(QByteArray method, QUrl url, QByteArray body, HeaderList headers, QList<BrowserHop> hops);
    BrowserHop once(const QByteArray &method, const QUrl &url, const QByteArray &body, const HeaderList &headers,
        BrowserPage *page);

    QNetworkAccessManager m_network;
    Jar *m_jar = nullptr; // owned by m_network
    Follow m_follow;
    int m_timeoutMs = 20000;
    int m_maxRedirects = 10;
};

} // namespace sg::test
