// Director confirmation in the real widgets (DirectorPanel, ConsentDialog, DirectorFormDialog), found by object
// name, against a real server module with the demo data: consent, the director's data with live INN checks,
// the operator's decision, a change of director with the order file (chosen and dropped), and what the server
// has stored after each step.

#include "client/apiclient.h"
#include "client/directorsession.h"
#include "fakeclock.h"
#include "fakeprompter.h"
#include "server/accountstore.h"
#include "server/directorstore.h"
#include "server/schoolstore.h"
#include "testserver.h"
#include "ui/consentdialog.h"
#include "ui/directorformdialog.h"
#include "ui/directorpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimeZone>
#include <QUrl>

#include <memory>

using namespace sg;

namespace {

// Monday 23 November 2026, 10:00 in Moscow (UTC+3 all year): two business days later is 25 November.
QDateTime mondayMorningInMoscow()
{
    return QDateTime(QDate(2026, 11, 23), QTime(7, 0), QTimeZone::utc());
}

const QString kLyceumInn = QStringLiteral("6950123474");
const QString kWrongCheckDigitInn = QStringLiteral("6950123475");

QByteArray smallPdf()
{
    return QByteArrayLiteral("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                             "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                             "trailer << /Root 1 0 R >>\n%%EOF\n");
}

QByteArray smallPng()
{
    return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489");
}

QByteArray smallJpeg()
{
    return QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000ffd9");
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// QTest::keyClicks takes Latin-1 only; Cyrillic goes in as key events carrying the text, as a keyboard layout sends.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar ch : text) {
        if (ch.unicode() < 0x80)
            QTest::keyClick(widget, char(ch.unicode()));
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(ch), Qt::NoModifier);
    }
}

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

} // namespace

class TestDirector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wholeFlow();
    void consentCanBeCancelled();
    void innFeedbackWhileTyping_data();
    void innFeedbackWhileTyping();
    void emailAndRequiredFields();
    void dropOrderFile();
    void serverRefusalKeepsTheForm();

private:
    struct Client
    {
        test::FakeClock clock{mondayMorningInMoscow()};
        std::unique_ptr<test::TestServer> server;
        QNetworkAccessManager network;
        std::unique_ptr<client::ApiClient> api;
        std::unique_ptr<client::DirectorSession> session;
        test::FakePrompter prompter;
        std::unique_ptr<ui::DirectorPanel> panel;
        qint64 schoolId = 0;
    };
    // A server with the demo data, `login` signed in, the panel shown and loaded.
    static std::unique_ptr<Client> start(const QString &login);
    static void fillPerson(ui::DirectorFormDialog *dialog, const QString &surname, const QString &name,
        const QString &patronymic, const QString &email);
    static void decide(Client &c, qint64 requestId, bool approve, const QString &reason = {});
};

void TestDirector::initTestCase()
{
    // Dates as a Russian secretary sees them («25 ноября 2026»); the texts stay in the English source language.
    QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
}

std::unique_ptr<TestDirector::Client> TestDirector::start(const QString &login)
{
    auto c = std::make_unique<Client>();
    test::TestServer::Options options;
    options.clock = &c->clock;
    c->server = std::make_unique<test::TestServer>(options);
    if (!c->server->isValid())
        qFatal("test server: %s", qPrintable(c->server->errorString()));
    c->api = std::make_unique<client::ApiClient>(&c->network);
    c->api->setBaseUrl(c->server->url());
    std::optional<Result<proto::SessionInfo>> answer;
    c->api->login(login, test::TestServer::kPassword, [&](Result<proto::SessionInfo> r) { answer = std::move(r); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000) || !answer->ok() || !(*answer)->user.schoolId)
        qFatal("sign-in as %s failed", qPrintable(login));
    c->schoolId = *(*answer)->user.schoolId;
    c->session = std::make_unique<client::DirectorSession>(c->api.get(), c->schoolId);
    c->panel = std::make_unique<ui::DirectorPanel>(c->session.get(), &c->prompter);
    c->panel->resize(760, 560);
    c->panel->show();
    if (!QTest::qWaitForWindowExposed(c->panel.get()))
        qFatal("panel not shown");
    c->session->refresh();
    if (!QTest::qWaitFor([&] { return c->session->hasCard() && !c->session->schoolInn().isEmpty(); }, 15000))
        qFatal("director card not loaded");
    return c;
}

void TestDirector::fillPerson(ui::DirectorFormDialog *dialog, const QString &surname, const QString &name,
    const QString &patronymic, const QString &email)
{
    typeText(child<QLineEdit>(dialog, "surnameLineEdit"), surname);
    typeText(child<QLineEdit>(dialog, "nameLineEdit"), name);
    typeText(child<QLineEdit>(dialog, "patronymicLineEdit"), patronymic);
    typeText(child<QLineEdit>(dialog, "emailLineEdit"), email);
}

void TestDirector::decide(Client &c, qint64 requestId, bool approve, const QString &reason)
{
    auto operatorUser = c.server->server().accounts().authenticate(
        QString::fromLatin1(server::DemoSeeder::kOperatorLogin), test::TestServer::kPassword);
    QVERIFY2(operatorUser.ok(), qPrintable(operatorUser.ok() ? QString() : operatorUser.error().message));
    const auto request = c.server->server().directors().request(requestId);
    QVERIFY(request);
    const auto decided = c.server->server().directors().decide(
        requestId, operatorUser->id, operatorUser->login, approve, reason, request->version);
    QVERIFY2(decided.ok(), qPrintable(decided.ok() ? QString() : decided.error().message));
}

void TestDirector::wholeFlow()
{
    auto c = start(QString::fromLatin1(server::DemoSeeder::kLyceumLogin));
    ui::DirectorPanel *panel = c->panel.get();
    server::DirectorStore &store = c->server->server().directors();
    QCOMPARE(c->schoolId, c->server->demo().lyceumId);
    QCOMPARE(c->session->schoolInn(), kLyceumInn);
    QSignalSpy statusChanges(panel, &ui::DirectorPanel::directorStatusChanged);

    auto *status = child<QLabel>(panel, "directorStatusLabel");
    auto *consentButton = child<QPushButton>(panel, "consentButton");
    auto *submitButton = child<QPushButton>(panel, "submitDirectorButton");
    auto *changeButton = child<QPushButton>(panel, "changeDirectorButton");
    auto *support = child<QLabel>(panel, "supportEmailLabel");
    auto *notifications = child<QListWidget>(panel, "notificationsListWidget");
    QVERIFY(status && consentButton && submitButton && changeButton && support && notifications);

    // 1. Nothing submitted: consent is the first step; the data form is not reachable; no e-mail revealed.
    QCOMPARE(panel->status(), QStringLiteral("none"));
    QVERIFY2(status->text().contains(QStringLiteral("not confirmed")), qPrintable(status->text()));
    QVERIFY(consentButton->isVisible());
    QVERIFY(consentButton->isEnabled());
    QVERIFY(!submitButton->isEnabled());
    QVERIFY(!changeButton->isVisible());
    QVERIFY(!support->isVisible());
    QVERIFY(store.card(c->schoolId).consentVersion.isEmpty());

    // 2. The consent dialog: the full text, its version, «Согласен» only after the check box.
    QTest::mouseClick(consentButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->consentDialog() && panel->consentDialog()->isVisible(), 15000);
    ui::ConsentDialog *consent = panel->consentDialog();
    QCOMPARE(QApplication::activeModalWidget(), consent);
    auto *browser = child<QTextBrowser>(consent, "consentTextBrowser");
    auto *checkBox = child<QCheckBox>(consent, "consentCheckBox");
    auto *accept = child<QPushButton>(consent, "acceptConsentButton");
    QVERIFY(browser && checkBox && accept);
    QVERIFY(browser->isReadOnly());
    QVERIFY(browser->toPlainText().contains(QStringLiteral("152-ФЗ")));
    QVERIFY(!consent->version().isEmpty());
    QVERIFY(child<QLabel>(consent, "consentVersionLabel")->text().contains(consent->version()));
    QVERIFY(!accept->isEnabled());
    QTest::mouseClick(accept, Qt::LeftButton); // a click on the disabled button does nothing
    QVERIFY(consent->isVisible());
    QTest::mouseClick(checkBox, Qt::LeftButton, {}, QPoint(8, checkBox->height() / 2));
    QVERIFY(checkBox->isChecked());
    QVERIFY(accept->isEnabled());
    const QString version = consent->version();
    QTest::mouseClick(accept, Qt::LeftButton);

    // 3. Consent given: the second step opens, and the other way (the support e-mail) is shown.
    QTRY_COMPARE_WITH_TIMEOUT(panel->status(), QStringLiteral("consented"), 15000);
    QTRY_VERIFY(!panel->consentDialog());
    QCOMPARE(store.card(c->schoolId).consentVersion, version);
    QVERIFY2(status->text().contains(QStringLiteral("Consent given")), qPrintable(status->text()));
    QVERIFY(!consentButton->isVisible());
    QVERIFY(submitButton->isVisible());
    QVERIFY(submitButton->isEnabled());
    QVERIFY(support->isVisible());
    QVERIFY2(
        support->text().contains(QStringLiteral("href=\"mailto:ccod@innopolis.ru\"")), qPrintable(support->text()));
    QVERIFY(support->text().contains(kLyceumInn));

    // 4. The form: the school's INN is prefilled; a wrong check digit is named and blocks sending.
    QTest::mouseClick(submitButton, Qt::LeftButton);
    QTRY_VERIFY(panel->formDialog() && panel->formDialog()->isVisible());
    ui::DirectorFormDialog *form = panel->formDialog();
    QCOMPARE(form->mode(), ui::DirectorFormDialog::Mode::Initial);
    auto *inn = child<QLineEdit>(form, "innLineEdit");
    auto *innProblem = child<QLabel>(form, "innProblemLabel");
    auto *send = child<QPushButton>(form, "sendDirectorButton");
    QVERIFY(inn && innProblem && send);
    QCOMPARE(inn->text(), kLyceumInn);
    QVERIFY(!innProblem->isVisible());
    QCOMPARE(child<QLineEdit>(form, "positionLineEdit")->text(), QStringLiteral("Director"));
    QVERIFY(!send->isEnabled()); // nothing typed yet
    fillPerson(form, QStringLiteral("Петрова"), QStringLiteral("Анна"), QStringLiteral("Сергеевна"),
        QStringLiteral("petrova@licey5.example"));
    typeText(child<QLineEdit>(form, "phoneLineEdit"), QStringLiteral("+7 4822 00-00-00"));
    QVERIFY(send->isEnabled());

    inn->clear();
    typeText(inn, kWrongCheckDigitInn);
    QCOMPARE(inn->text(), kWrongCheckDigitInn); // every key landed; nothing got in the way
    QCOMPARE(inn->cursorPosition(), int(kWrongCheckDigitInn.size()));
    QVERIFY(innProblem->isVisible());
    QVERIFY2(innProblem->text().contains(QStringLiteral("10th digit (the check digit) does not match")),
        qPrintable(innProblem->text()));
    QCOMPARE(inn->property("invalid").toBool(), true);
    QVERIFY(!send->isEnabled());
    QVERIFY(child<QLabel>(form, "formHintLabel")->text().contains(QStringLiteral("INN")));

    QTest::keyClick(inn, Qt::Key_Backspace);
    QTest::keyClick(inn, Qt::Key_4);
    QCOMPARE(inn->text(), kLyceumInn);
    QVERIFY(!innProblem->isVisible());
    QCOMPARE(inn->property("invalid").toBool(), false);
    QVERIFY(send->isEnabled());

    QSignalSpy submitted(c->session.get(), &client::DirectorSession::submitted);
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(submitted.wait(15000));
    QTRY_VERIFY(!panel->formDialog());

    // 5. Under review, with the date two business days later, as the server computed it.
    QTRY_COMPARE_WITH_TIMEOUT(panel->status(), QStringLiteral("submitted"), 15000);
    QVERIFY2(status->text().contains(QStringLiteral("under review, expected date: 25 ноября 2026")),
        qPrintable(status->text()));
    QVERIFY(!submitButton->isVisible());
    QVERIFY(!consentButton->isVisible());
    QVERIFY(!changeButton->isVisible());
    const auto pending = store.requests(QStringLiteral("submitted"), c->schoolId);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().submission.surname, QStringLiteral("Петрова"));
    QCOMPARE(pending.first().submission.patronymic, QStringLiteral("Сергеевна"));
    QCOMPARE(pending.first().submission.inn, kLyceumInn);
    QCOMPARE(pending.first().submission.position, QStringLiteral("Director"));
    QCOMPARE(pending.first().expectedBy, QDate(2026, 11, 25));
    // The list shows «No notifications yet» as its one item until the notification arrives: wait for the text.
    QTRY_VERIFY2_WITH_TIMEOUT(notifications->count() >= 1
            && notifications->item(0)->text().contains(QStringLiteral("Данные директора приняты")),
        qPrintable(notifications->count() ? notifications->item(0)->text() : QStringLiteral("(empty)")), 15000);

    // 6. The operator confirms (a quarter of an hour later, well within the session); after a refresh the card
    // names the director.
    c->clock.advance(15 * 60);
    decide(*c, pending.first().id, true);
    if (QTest::currentTestFailed())
        return;
    c->session->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(panel->status(), QStringLiteral("confirmed"), 15000);
    QVERIFY(!child<QLabel>(panel, "directorErrorLabel")->isVisible());
    QVERIFY2(status->text().contains(QStringLiteral("Director confirmed: Петрова Анна Сергеевна")),
        qPrintable(status->text()));
    QVERIFY(changeButton->isVisible());
    QVERIFY(changeButton->isEnabled());
    QVERIFY(!submitButton->isVisible());
    QVERIFY2(support->text().contains(QStringLiteral("Приказ")), qPrintable(support->text()));
    QTRY_VERIFY(notifications->count() >= 2);
    QVERIFY2(notifications->item(0)->text().contains(QStringLiteral("Директор подтверждён")), // latest first
        qPrintable(notifications->item(0)->text()));
    QStringList seen;
    for (const QList<QVariant> &args : std::as_const(statusChanges))
        seen << args.at(0).toString();
    QCOMPARE(
        seen, (QStringList{QStringLiteral("consented"), QStringLiteral("submitted"), QStringLiteral("confirmed")}));

    // 7. A change of director: the order is checked before upload.
    QTest::mouseClick(changeButton, Qt::LeftButton);
    QTRY_VERIFY(panel->formDialog() && panel->formDialog()->isVisible());
    form = panel->formDialog();
    QCOMPARE(form->mode(), ui::DirectorFormDialog::Mode::Change);
    send = child<QPushButton>(form, "sendDirectorButton");
    auto *orderLabel = child<QLabel>(form, "orderFileLabel");
    auto *choose = child<QPushButton>(form, "chooseOrderButton");
    auto *orderProblem = child<QLabel>(form, "orderProblemLabel");
    QVERIFY(send && orderLabel && choose && orderProblem);
    QCOMPARE(child<QLineEdit>(form, "innLineEdit")->text(), kLyceumInn);
    fillPerson(form, QStringLiteral("Смирнов"), QStringLiteral("Олег"), QStringLiteral("Игоревич"),
        QStringLiteral("smirnov@licey5.example"));
    QVERIFY(!send->isEnabled()); // the order is missing
    QVERIFY(child<QLabel>(form, "formHintLabel")->text().contains(QStringLiteral("order")));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    c->prompter.openFiles << writeFile(
        dir, QStringLiteral("prikaz.pdf"), QByteArrayLiteral("Приказ № 12 о смене директора").append('\n'));
    QTest::mouseClick(choose, Qt::LeftButton);
    QVERIFY(c->prompter.openFiles.isEmpty()); // the file dialog was asked
    QVERIFY(orderProblem->isVisible());
    QVERIFY2(orderProblem->text().contains(QStringLiteral("“prikaz.pdf” is not really a PDF file")),
        qPrintable(orderProblem->text()));
    QVERIFY(!form->hasOrder());
    QVERIFY(!orderLabel->text().contains(QStringLiteral("prikaz.pdf")));
    QVERIFY(!send->isEnabled());

    c->prompter.openFiles << writeFile(dir, QStringLiteral("prikaz-12.pdf"), smallPdf());
    QTest::mouseClick(choose, Qt::LeftButton);
    QVERIFY(!orderProblem->isVisible());
    QVERIFY(form->hasOrder());
    QVERIFY2(orderLabel->text().contains(QStringLiteral("prikaz-12.pdf")), qPrintable(orderLabel->text()));
    QVERIFY(orderLabel->text().contains(QStringLiteral("PDF")));
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(submitted.wait(15000));
    QTRY_VERIFY(!panel->formDialog());

    // 8. The change is pending: the director stays confirmed until support decides; the order reached the server.
    QTRY_VERIFY_WITH_TIMEOUT(c->session->card().changePending, 15000);
    QCOMPARE(panel->status(), QStringLiteral("confirmed"));
    QVERIFY2(status->text().contains(QStringLiteral("A change of director is under review, expected date: 25 ноября "
                                                    "2026")),
        qPrintable(status->text()));
    QVERIFY(!changeButton->isVisible());
    const auto changes = store.requests(QStringLiteral("submitted"), c->schoolId);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().submission.kind, proto::DirectorSubmission::Kind::Change);
    QCOMPARE(changes.first().submission.surname, QStringLiteral("Смирнов"));
    const auto order = store.orderFile(changes.first().id);
    QVERIFY(order);
    QCOMPARE(order->data, smallPdf());
    QCOMPARE(order->fileName, QStringLiteral("prikaz-12.pdf"));
    QCOMPARE(order->contentType, QStringLiteral("application/pdf"));

    // 9. Support rejects the change: the card says why and offers the change again.
    decide(*c, changes.first().id, false, QStringLiteral("в приказе нет подписи"));
    if (QTest::currentTestFailed())
        return;
    c->session->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Reason: в приказе нет подписи")), 15000);
    QVERIFY(!c->session->card().changePending);
    QVERIFY(changeButton->isVisible());
    QVERIFY(status->text().contains(QStringLiteral("Петрова Анна Сергеевна")));
}

void TestDirector::consentCanBeCancelled()
{
    auto c = start(QString::fromLatin1(server::DemoSeeder::kLyceumLogin));
    ui::DirectorPanel *panel = c->panel.get();
    QTest::mouseClick(child<QPushButton>(panel, "consentButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->consentDialog() && panel->consentDialog()->isVisible(), 15000);
    ui::ConsentDialog *consent = panel->consentDialog();
    QTest::mouseClick(child<QCheckBox>(consent, "consentCheckBox"), Qt::LeftButton, {}, QPoint(8, 8));
    QTest::mouseClick(child<QPushButton>(consent, "cancelConsentButton"), Qt::LeftButton);
    QTRY_VERIFY(!panel->consentDialog());
    QTRY_VERIFY(!c->session->isBusy()); // a consent sent by mistake would have arrived by now
    QVERIFY(c->server->server().directors().card(c->schoolId).consentVersion.isEmpty());
    QCOMPARE(panel->status(), QStringLiteral("none"));
    QVERIFY(!child<QLabel>(panel, "supportEmailLabel")->isVisible());
}

void TestDirector::innFeedbackWhileTyping_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("severity"); // of the problem shown while typing ("" when none)
    QTest::addColumn<QString>("problem");

    QTest::newRow("valid") << kLyceumInn << true << QString() << QString();
    QTest::newRow("pasted with spaces") << QStringLiteral("695 012 3474") << true << QString() << QString();
    QTest::newRow("wrong check digit") << kWrongCheckDigitInn << false << QStringLiteral("error")
                                       << QStringLiteral("(the check digit) does not match");
    QTest::newRow("still typing") << QStringLiteral("69501") << false << QStringLiteral("hint")
                                  << QStringLiteral("has 5 digit");
    QTest::newRow("letter O for zero") << QStringLiteral("69501O3474") << false << QStringLiteral("error")
                                       << QStringLiteral("position 6");
    QTest::newRow("person's INN") << QStringLiteral("500100732259") << false << QStringLiteral("error")
                                  << QStringLiteral("person’s INN");
    QTest::newRow("region 00") << QStringLiteral("0050123474") << false << QStringLiteral("error")
                               << QStringLiteral("00");
}

void TestDirector::innFeedbackWhileTyping()
{
    QFETCH(QString, typed);
    QFETCH(bool, valid);
    QFETCH(QString, severity);
    QFETCH(QString, problem);

    test::FakePrompter prompter;
    ui::DirectorFormDialog form(ui::DirectorFormDialog::Mode::Initial, QString(), &prompter);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    auto *inn = child<QLineEdit>(&form, "innLineEdit");
    auto *label = child<QLabel>(&form, "innProblemLabel");
    auto *send = child<QPushButton>(&form, "sendDirectorButton");
    fillPerson(
        &form, QStringLiteral("Иванова"), QStringLiteral("Мария"), QString(), QStringLiteral("ivanova@school.example"));
    QVERIFY(!send->isEnabled()); // no INN yet
    typeText(inn, typed);
    QCOMPARE(inn->text(), typed);
    QCOMPARE(send->isEnabled(), valid);
    QCOMPARE(label->isVisible(), !valid);
    QCOMPARE(label->property("severity").toString(), valid ? QStringLiteral("hint") : severity);
    QCOMPARE(inn->property("invalid").toBool(), severity == QLatin1String("error"));
    if (!valid)
        QVERIFY2(label->text().contains(problem), qPrintable(label->text()));
    QCOMPARE(form.submission().inn, valid ? kLyceumInn : typed);

    // Leaving the field turns "still typing" into an error.
    QTest::keyClick(inn, Qt::Key_Return);
    QCOMPARE(inn->property("invalid").toBool(), !valid);
}

void TestDirector::emailAndRequiredFields()
{
    test::FakePrompter prompter;
    ui::DirectorFormDialog form(ui::DirectorFormDialog::Mode::Initial, kLyceumInn, &prompter);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    auto *send = child<QPushButton>(&form, "sendDirectorButton");
    auto *email = child<QLineEdit>(&form, "emailLineEdit");
    auto *emailProblem = child<QLabel>(&form, "emailProblemLabel");
    auto *hint = child<QLabel>(&form, "formHintLabel");
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("surname, first name, e-mail")), qPrintable(hint->text()));

    typeText(child<QLineEdit>(&form, "surnameLineEdit"), QStringLiteral("Иванова"));
    typeText(child<QLineEdit>(&form, "nameLineEdit"), QStringLiteral("Мария"));
    typeText(email, QStringLiteral("ivanova@school"));
    QVERIFY(!emailProblem->isVisible()); // no scolding in the middle of typing
    QVERIFY(!send->isEnabled());
    QTest::keyClick(email, Qt::Key_Return); // leaves the address unfinished
    QVERIFY(emailProblem->isVisible());
    QVERIFY2(emailProblem->text().contains(QStringLiteral("domain")), qPrintable(emailProblem->text()));
    typeText(email, QStringLiteral(".ru"));
    QVERIFY(!emailProblem->isVisible());
    QVERIFY(send->isEnabled());
    QVERIFY(!hint->isVisible());

    // The default position may be cleared: then it is required again.
    auto *position = child<QLineEdit>(&form, "positionLineEdit");
    position->selectAll();
    QTest::keyClick(position, Qt::Key_Delete);
    QVERIFY(!send->isEnabled());
    QVERIFY(hint->text().contains(QStringLiteral("position")));
    typeText(position, QStringLiteral("И. о. директора"));
    QVERIFY(send->isEnabled());

    QSignalSpy requested(&form, &ui::DirectorFormDialog::sendRequested);
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    const auto s = requested.first().at(0).value<proto::DirectorSubmission>();
    QCOMPARE(s.surname, QStringLiteral("Иванова"));
    QCOMPARE(s.position, QStringLiteral("И. о. директора"));
    QCOMPARE(s.email, QStringLiteral("ivanova@school.ru"));
    QCOMPARE(s.inn, kLyceumInn);
    QCOMPARE(s.kind, proto::DirectorSubmission::Kind::Initial);
    QVERIFY(!s.order);
    QVERIFY(form.isVisible()); // the owner closes it when the server has accepted
}

void TestDirector::dropOrderFile()
{
    auto c = start(QString::fromLatin1(server::DemoSeeder::kSchoolLogin)); // director confirmed
    ui::DirectorPanel *panel = c->panel.get();
    QCOMPARE(panel->status(), QStringLiteral("confirmed"));
    auto *changeButton = child<QPushButton>(panel, "changeDirectorButton");
    QVERIFY(changeButton->isVisible());
    QTest::mouseClick(changeButton, Qt::LeftButton);
    QTRY_VERIFY(panel->formDialog() && panel->formDialog()->isVisible());
    ui::DirectorFormDialog *form = panel->formDialog();
    auto *orderLabel = child<QLabel>(form, "orderFileLabel");
    auto *orderProblem = child<QLabel>(form, "orderProblemLabel");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto drop = [&](QWidget *target, const QList<QUrl> &urls, const QString &text = {}) {
        QMimeData mime;
        if (!urls.isEmpty())
            mime.setUrls(urls);
        if (!text.isEmpty())
            mime.setText(text);
        const QPoint at = target->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent dropped(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &dropped);
        return dropped.isAccepted();
    };
    const auto url = [](const QString &path) { return QUrl::fromLocalFile(path); };

    // Not files: refused at the door.
    QVERIFY(!drop(form, {}, QStringLiteral("просто текст")));
    QVERIFY(!drop(form, {QUrl(QStringLiteral("https://example.org/prikaz.pdf"))}));
    QVERIFY(!drop(form,
        {url(writeFile(dir, QStringLiteral("a.pdf"), smallPdf())),
            url(writeFile(dir, QStringLiteral("b.pdf"), smallPdf()))}));
    QVERIFY(!form->hasOrder());

    // A text file: taken, checked, refused with the reason; nothing attached.
    QVERIFY(drop(form, {url(writeFile(dir, QStringLiteral("notes.txt"), QByteArrayLiteral("не приказ\n")))}));
    QVERIFY(!form->hasOrder());
    QVERIFY(orderProblem->isVisible());
    QVERIFY2(orderProblem->text().contains(QStringLiteral("“notes.txt” is not a PDF, JPEG or PNG file")),
        qPrintable(orderProblem->text()));

    // Too large, although a real PDF.
    QByteArray big = smallPdf();
    big.append(QByteArray(int(proto::kMaxOrderBytes) + 1 - int(big.size()), 'x'));
    QVERIFY(drop(form, {url(writeFile(dir, QStringLiteral("scan.pdf"), big))}));
    QVERIFY(!form->hasOrder());
    QVERIFY2(
        orderProblem->text().contains(QStringLiteral("“scan.pdf” is too large")), qPrintable(orderProblem->text()));

    // Empty, and missing.
    QVERIFY(drop(form, {url(writeFile(dir, QStringLiteral("empty.pdf"), {}))}));
    QVERIFY2(orderProblem->text().contains(QStringLiteral("is empty")), qPrintable(orderProblem->text()));
    QVERIFY(drop(form, {url(dir.filePath(QStringLiteral("gone.pdf")))}));
    QVERIFY2(orderProblem->text().contains(QStringLiteral("was not found")), qPrintable(orderProblem->text()));
    QVERIFY(!form->hasOrder());

    // Exactly at the limit is fine; a PNG scan is recognised by its content whatever its name.
    QByteArray limit = smallPng();
    limit.append(QByteArray(int(proto::kMaxOrderBytes) - int(limit.size()), '\0'));
    QVERIFY(drop(form, {url(writeFile(dir, QStringLiteral("scan-page.dat"), limit))}));
    QVERIFY(form->hasOrder());
    QVERIFY(!orderProblem->isVisible());
    QCOMPARE(form->order()->contentType, QStringLiteral("image/png"));
    QCOMPARE(form->order()->data.size(), proto::kMaxOrderBytes);
    QVERIFY2(orderLabel->text().contains(QStringLiteral("scan-page.dat (PNG")), qPrintable(orderLabel->text()));

    // Dropped onto a text field, the file still goes to the order (and not into the field as text).
    auto *surname = child<QLineEdit>(form, "surnameLineEdit");
    QVERIFY(drop(surname, {url(writeFile(dir, QStringLiteral("prikaz.jpg"), smallJpeg()))}));
    QCOMPARE(form->order()->fileName, QStringLiteral("prikaz.jpg"));
    QCOMPARE(form->order()->contentType, QStringLiteral("image/jpeg"));
    QVERIFY(surname->text().isEmpty());

    // A refused file after a good one leaves the good one attached.
    QVERIFY(drop(form, {url(writeFile(dir, QStringLiteral("photo.heic"), QByteArrayLiteral("ftypheic")))}));
    QVERIFY(orderProblem->isVisible());
    QCOMPARE(form->order()->fileName, QStringLiteral("prikaz.jpg"));

    // The initial form takes no files.
    test::FakePrompter prompter;
    ui::DirectorFormDialog initial(ui::DirectorFormDialog::Mode::Initial, kLyceumInn, &prompter);
    QVERIFY(!drop(&initial, {url(writeFile(dir, QStringLiteral("c.pdf"), smallPdf()))}));
    QVERIFY(!initial.hasOrder());
    QVERIFY(!initial.findChild<QPushButton *>(QStringLiteral("chooseOrderButton")));
}

void TestDirector::serverRefusalKeepsTheForm()
{
    auto c = start(QString::fromLatin1(server::DemoSeeder::kLyceumLogin));
    ui::DirectorPanel *panel = c->panel.get();
    // Consent straight through the session; the panel follows.
    c->session->loadConsentText();
    QTRY_VERIFY_WITH_TIMEOUT(c->session->consent().has_value(), 15000);
    c->session->giveConsent(c->session->consent()->version);
    QTRY_COMPARE_WITH_TIMEOUT(panel->status(), QStringLiteral("consented"), 15000);

    QTest::mouseClick(child<QPushButton>(panel, "submitDirectorButton"), Qt::LeftButton);
    QTRY_VERIFY(panel->formDialog() && panel->formDialog()->isVisible());
    ui::DirectorFormDialog *form = panel->formDialog();
    fillPerson(form, QStringLiteral("Петрова"), QStringLiteral("Анна"), QString(), QStringLiteral("p@licey5.example"));
    // A valid INN, but of another organisation (the demo school's): the server refuses it.
    auto *inn = child<QLineEdit>(form, "innLineEdit");
    inn->clear();
    const auto demoSchool = c->server->server().schools().school(c->server->demo().schoolId);
    QVERIFY(demoSchool);
    const QString otherInn = demoSchool->inn;
    QVERIFY(otherInn != kLyceumInn);
    typeText(inn, otherInn);
    auto *send = child<QPushButton>(form, "sendDirectorButton");
    QVERIFY(send->isEnabled());
    QSignalSpy refused(c->session.get(), &client::DirectorSession::submitFailed);
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(refused.wait(15000));
    auto *sendError = child<QLabel>(form, "sendErrorLabel");
    QTRY_VERIFY(sendError->isVisible());
    QVERIFY2(sendError->text().contains(otherInn), qPrintable(sendError->text()));
    QVERIFY(form->isVisible()); // everything typed is still there
    QCOMPARE(child<QLineEdit>(form, "surnameLineEdit")->text(), QStringLiteral("Петрова"));
    QVERIFY(send->isEnabled());
    QCOMPARE(panel->status(), QStringLiteral("consented"));
    QVERIFY(c->server->server().directors().requests(QString(), c->schoolId).isEmpty());
}

QTEST_MAIN(TestDirector)
#include "tst_director.moc"
