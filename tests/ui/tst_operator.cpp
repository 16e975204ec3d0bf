// The support operator's window (found by object name) against a real server module on a free loopback port:
// two schools send their director's data (one a change with the order «Приказ»), the operator previews the
// order, confirms, rejects with a reason, and meets a request someone else decided first. Then the server is asked.

#include "client/apiclient.h"
#include "client/operatorsession.h"
#include "fakeprompter.h"
#include "server/directorstore.h"
#include "server/server.h"
#include "testserver.h"
#include "ui/operatorwindow.h"
#include "wait.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QFont>
#include <QImage>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sg;
using client::DirectorRequestModel;
using Kind = proto::DirectorSubmission::Kind;

namespace {

constexpr QSize kPngSize{640, 905};

QByteArray makePng()
{
    QImage image(kPngSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.fillRect(QRect(60, 60, 520, 40), Qt::black); // a "heading", so the picture is not blank
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Two A4 pages; the first has a black block in its upper left quarter.
QByteArray makePdf()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter p(&writer);
    p.fillRect(QRect(50, 50, 200, 200), Qt::black);
    writer.newPage();
    p.drawText(QPoint(100, 100), QStringLiteral("Page 2"));
    p.end();
    return bytes;
}

} // namespace

class TestOperator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void queueShowsSubmittedRequests();
    void previewShowsImageOrder();
    void previewShowsPdfOrder();
    void confirmReachesServerAndLeavesQueue();
    void rejectNeedsReasonAndReachesServer();
    void conflictShowsMessageAndReloads();

private:
    struct Running
    {
        std::unique_ptr<test::TestServer> server;
        QNetworkAccessManager network;
        std::unique_ptr<client::ApiClient> api; // signed in as demo-operator
        std::unique_ptr<client::OperatorSession> session;
        std::unique_ptr<QAbstractItemModelTester> tester;
        test::FakePrompter prompter;
        std::unique_ptr<ui::OperatorWindow> window;
        qint64 operatorId = 0;
        qint64 initialId = 0; // demo-lyceum's first director
        qint64 changeId = 0; // demo-school's change of director, with the order
        QByteArray order;

        template<typename T>
        T *find(const char *name) const
        {
            return window->findChild<T *>(QLatin1String(name));
        }
    };
    // Prepares both requests through the HTTP API, signs in the operator and opens the window.
    static std::unique_ptr<Running> start(const QByteArray &order, const QString &orderName);
    static void selectRequest(Running &run, qint64 id);
    static std::unique_ptr<client::ApiClient> signedIn(Running &run, const QString &login);
    static server::DirectorStore &directors(Running &run) { return run.server->server().directors(); }
    void screenshot(ui::OperatorWindow *window, const QString &name);
};

void TestOperator::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // window geometry goes to a test location, never the user's
    // Screenshots for a human to look at, with the app's style sheet: SG_SCREENSHOT_DIR=/tmp ./tst_operator
    if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR")) {
        QFile qss(QStringLiteral(":/style/schoolgate.qss"));
        QVERIFY(qss.open(QIODevice::ReadOnly));
        qApp->setStyleSheet(QString::fromUtf8(qss.readAll()));
    }
}

void TestOperator::screenshot(ui::OperatorWindow *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("SG_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // lay out what has just changed
    QVERIFY(window->grab().save(dir + QStringLiteral("/operator-") + name + QStringLiteral(".png")));
}

std::unique_ptr<client::ApiClient> TestOperator::signedIn(Running &run, const QString &login)
{
    auto api = std::make_unique<client::ApiClient>(&run.network);
    api->setBaseUrl(run.server->url());
    auto session = test::await<proto::SessionInfo>(
        [&](auto done) { api->login(login, test::TestServer::kPassword, std::move(done)); });
    if (!session)
        qWarning("sign-in of %s failed: %s", qPrintable(login), qPrintable(session.error().message));
    return session ? std::move(api) : nullptr;
}

std::unique_ptr<TestOperator::Running> TestOperator::start(const QByteArray &order, const QString &orderName)
{
    auto run = std::make_unique<Running>();
    run->server = std::make_unique<test::TestServer>();
    if (!run->server->isValid())
        qFatal("test server: %s", qPrintable(run->server->errorString()));
    run->order = order;

    // demo-lyceum: consent to the current text, then its first director.
    auto lyceum = signedIn(*run, QStringLiteral("demo-lyceum"));
    if (!lyceum)
        return nullptr;
    const qint64 lyceumId = run->server->demo().lyceumId;
    const auto consent = test::await<proto::ConsentText>([&](auto done) { lyceum->consentText(std::move(done)); });
    const auto lyceumSchool = test::await<proto::School>([&](auto done) { lyceum->school(lyceumId, done); });
    if (!consent || !lyceumSchool)
        return nullptr;
    if (!test::await<proto::DirectorCard>(
            [&](auto done) { lyceum->giveConsent(lyceumId, consent->version, std::move(done)); }))
        return nullptr;
    proto::DirectorSubmission initial;
    initial.kind = Kind::Initial;
    initial.surname = QStringLiteral("Ёлкина");
    initial.name = QStringLiteral("Анна");
    initial.patronymic = QStringLiteral("Петровна");
    initial.position = QStringLiteral("Директор");
    initial.email = QStringLiteral("director@licey5.example");
    initial.phone = QStringLiteral("+7 4822 00-05-05");
    initial.inn = lyceumSchool->inn;
    const auto first = test::await<proto::DirectorRequest>(
        [&](auto done) { lyceum->submitDirector(lyceumId, initial, std::move(done)); });
    if (!first) {
        qWarning("initial submission failed: %s", qPrintable(first.error().message));
        return nullptr;
    }
    run->initialId = first->id;

    // demo-school (director confirmed a month ago): a change of director with the order attached.
    auto school = signedIn(*run, QStringLiteral("demo-school"));
    if (!school)
        return nullptr;
    const qint64 schoolId = run->server->demo().schoolId;
    const auto demoSchool = test::await<proto::School>([&](auto done) { school->school(schoolId, done); });
    if (!demoSchool)
        return nullptr;
    proto::DirectorSubmission change;
    change.kind = Kind::Change;
    change.surname = QStringLiteral("Петров-Водкин");
    change.name = QStringLiteral("Кузьма");
    change.patronymic = QStringLiteral("Сергеевич");
    change.position = QStringLiteral("Исполняющий обязанности директора");
    change.email = QStringLiteral("petrov@shkola17.example");
    change.inn = demoSchool->inn;
    change.order = proto::OrderFile{orderName, QString(), order};
    const auto second = test::await<proto::DirectorRequest>(
        [&](auto done) { school->submitDirector(schoolId, change, std::move(done)); });
    if (!second) {
        qWarning("change submission failed: %s", qPrintable(second.error().message));
        return nullptr;
    }
    run->changeId = second->id;

    // The operator.
    run->api = std::make_unique<client::ApiClient>(&run->network);
    run->api->setBaseUrl(run->server->url());
    const auto signIn = test::await<proto::SessionInfo>([&](auto done) {
        run->api->login(QStringLiteral("demo-operator"), test::TestServer::kPassword, std::move(done));
    });
    if (!signIn)
        return nullptr;
    run->operatorId = signIn->user.id;
    run->session = std::make_unique<client::OperatorSession>(run->api.get());
    run->tester = std::make_unique<QAbstractItemModelTester>(
        run->session->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    run->window = std::make_unique<ui::OperatorWindow>(run->session.get(), &run->prompter);
    run->window->resize(1280, 800);
    run->window->show();
    if (!QTest::qWaitForWindowExposed(run->window.get()))
        return nullptr;
    return run;
}

void TestOperator::selectRequest(Running &run, qint64 id)
{
    QTableView *view = run.find<QTableView>("directorRequestsTableView");
    QVERIFY(view);
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, DirectorRequestModel::DirectorColumn);
        if (index.data(DirectorRequestModel::IdRole).toLongLong() != id)
            continue;
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        QCOMPARE(run.window->selectedRequestId(), id);
        return;
    }
    QFAIL(qPrintable(QStringLiteral("request %1 is not in the table").arg(id)));
}

void TestOperator::queueShowsSubmittedRequests()
{
    auto run = start(makePng(), QStringLiteral("prikaz.png"));
    QVERIFY(run);
    auto *view = run->find<QTableView>("directorRequestsTableView");
    auto *filter = run->find<QComboBox>("operatorStatusComboBox");
    auto *confirm = run->find<QPushButton>("confirmDirectorButton");
    auto *reject = run->find<QPushButton>("rejectDirectorButton");
    QVERIFY(view && filter && confirm && reject);
    QVERIFY(run->find<QWidget>("operatorDetailsWidget"));
    QVERIFY(run->find<QPushButton>("operatorSignOutButton"));
    QCOMPARE(run->window->objectName(), QStringLiteral("operatorWindow"));
    QCOMPARE(filter->currentData().toString(), QStringLiteral("submitted"));

    // Both submissions, oldest first, each with its kind.
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QAbstractItemModel *m = view->model();
    QCOMPARE(m->index(0, 0).data(DirectorRequestModel::IdRole).toLongLong(), run->initialId);
    QCOMPARE(m->index(1, 0).data(DirectorRequestModel::IdRole).toLongLong(), run->changeId);
    QCOMPARE(
        m->index(0, DirectorRequestModel::KindColumn).data().toString(), DirectorRequestModel::kindText(Kind::Initial));
    QCOMPARE(
        m->index(1, DirectorRequestModel::KindColumn).data().toString(), DirectorRequestModel::kindText(Kind::Change));
    QVERIFY(DirectorRequestModel::kindText(Kind::Initial) != DirectorRequestModel::kindText(Kind::Change));
    QCOMPARE(
        m->index(0, DirectorRequestModel::DirectorColumn).data().toString(), QStringLiteral("Ёлкина Анна Петровна"));
    QCOMPARE(m->index(1, DirectorRequestModel::SchoolColumn).data().toString(),
        run->server->server().directors().request(run->changeId)->schoolName);
    QCOMPARE(m->index(0, DirectorRequestModel::StatusColumn).data(DirectorRequestModel::StatusRole).toString(),
        QStringLiteral("submitted"));

    // Nothing selected: nothing to decide, the details ask for a selection.
    QVERIFY(!confirm->isEnabled());
    QVERIFY(!reject->isEnabled());
    QVERIFY(run->find<QLabel>("detailsPlaceholderLabel")->isVisible());

    // Sorting by the director's name puts Ёлкина (sorted as Е) before Петров-Водкин; descending turns it round.
    view->sortByColumn(DirectorRequestModel::DirectorColumn, Qt::DescendingOrder);
    QCOMPARE(m->index(0, 0).data(DirectorRequestModel::IdRole).toLongLong(), run->changeId);
    view->sortByColumn(DirectorRequestModel::DirectorColumn, Qt::AscendingOrder);
    QCOMPARE(m->index(0, 0).data(DirectorRequestModel::IdRole).toLongLong(), run->initialId);

    // Selecting a submitted request shows it and allows the decision.
    selectRequest(*run, run->initialId);
    QTRY_VERIFY(confirm->isEnabled());
    QVERIFY(reject->isEnabled());
    QCOMPARE(run->find<QLabel>("directorValueLabel")->text(), QStringLiteral("Ёлкина Анна Петровна"));
    QCOMPARE(run->find<QLabel>("emailValueLabel")->text(), QStringLiteral("director@licey5.example"));
    QCOMPARE(run->find<QLabel>("phoneValueLabel")->text(), QStringLiteral("+7 4822 00-05-05"));
    QVERIFY(!run->find<QLabel>("detailsPlaceholderLabel")->isVisible());
    screenshot(run->window.get(), QStringLiteral("initial"));

    // A change of language keeps the filter, the selection and the buttons.
    QEvent languageChange(QEvent::LanguageChange);
    QCoreApplication::sendEvent(run->window.get(), &languageChange);
    QCOMPARE(filter->count(), 4);
    QCOMPARE(filter->currentData().toString(), QStringLiteral("submitted"));
    QCOMPARE(filter->currentText(), DirectorRequestModel::statusText(QStringLiteral("submitted")));
    QCOMPARE(run->window->selectedRequestId(), run->initialId);
    QCOMPARE(confirm->text(), QStringLiteral("Confirm"));
    QVERIFY(confirm->isEnabled());

    // Past the promised date a waiting request is marked (bold) in the list.
    const QModelIndex expected = m->index(0, DirectorRequestModel::ExpectedColumn);
    QVERIFY(!expected.data(DirectorRequestModel::OverdueRole).toBool());
    QVERIFY(!expected.data(Qt::FontRole).value<QFont>().bold());
    const QDate promised = directors(*run).request(run->initialId)->expectedBy;
    run->session->model()->setToday(promised.addDays(1));
    QVERIFY(expected.data(DirectorRequestModel::OverdueRole).toBool());
    QVERIFY(expected.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(run->find<QLabel>("expectedValueLabel")->text().contains(QStringLiteral("overdue")));
    run->session->model()->setToday(promised);
    QVERIFY(!expected.data(DirectorRequestModel::OverdueRole).toBool()); // due today is not late

    // The other filters ask the server again: all = the seeded confirmed one + the two new.
    QSignalSpy loaded(run->session.get(), &client::OperatorSession::queueChanged);
    filter->setCurrentIndex(filter->findData(QString()));
    QVERIFY(loaded.wait(15000));
    QCOMPARE(view->model()->rowCount(), 3);
    QCOMPARE(run->window->selectedRequestId(), run->initialId); // still shown after the reload
    filter->setCurrentIndex(filter->findData(QStringLiteral("confirmed")));
    QVERIFY(loaded.wait(15000));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data(DirectorRequestModel::StatusRole).toString(), QStringLiteral("confirmed"));
    QCOMPARE(run->window->selectedRequestId(), 0); // the shown request is not in this list
    QVERIFY(!confirm->isEnabled());
    selectRequest(*run, view->model()->index(0, 0).data(DirectorRequestModel::IdRole).toLongLong());
    QVERIFY(!confirm->isEnabled()); // already decided
    QVERIFY(!reject->isEnabled());

    // When the server ends the session, the directors' personal data leaves the screen.
    emit run->api->sessionExpired();
    QCOMPARE(view->model()->rowCount(), 0);
    QCOMPARE(run->window->selectedRequestId(), 0);
    QVERIFY(run->find<QLabel>("detailsPlaceholderLabel")->isVisible());
}

void TestOperator::previewShowsImageOrder()
{
    const QByteArray png = makePng();
    auto run = start(png, QStringLiteral("prikaz.png"));
    QVERIFY(run);
    auto *view = run->find<QTableView>("directorRequestsTableView");
    auto *preview = run->find<QLabel>("orderPreviewLabel");
    QVERIFY(view && preview);
    QTRY_COMPARE(view->model()->rowCount(), 2);

    selectRequest(*run, run->changeId);
    QTRY_VERIFY_WITH_TIMEOUT(!preview->pixmap().isNull(), 15000);
    QCOMPARE(run->window->orderPage().size(), kPngSize); // the page is the PNG itself
    QVERIFY(run->window->orderPage().pixelColor(300, 80) == QColor(Qt::black));
    // Scaled to fit the label, keeping the aspect.
    const QSize shown = preview->pixmap().deviceIndependentSize().toSize();
    QVERIFY2(shown.width() <= preview->width() && shown.height() <= preview->height(),
        qPrintable(QStringLiteral("%1x%2 in %3x%4")
                       .arg(shown.width())
                       .arg(shown.height())
                       .arg(preview->width())
                       .arg(preview->height())));
    QVERIFY(qAbs(double(shown.width()) / shown.height() - double(kPngSize.width()) / kPngSize.height()) < 0.02);
    QVERIFY(!run->find<QPushButton>("nextPageButton")->isVisible()); // an image has one page
    QVERIFY2(run->find<QLabel>("orderValueLabel")->text().contains(QStringLiteral("prikaz.png")),
        qPrintable(run->find<QLabel>("orderValueLabel")->text()));
    screenshot(run->window.get(), QStringLiteral("png"));

    // «Сохранить файл…» writes exactly the attached bytes where the operator chose.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("saved.png"));
    run->prompter.saveFiles = {target};
    auto *save = run->find<QPushButton>("saveOrderButton");
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(run->prompter.saveFiles.isEmpty()); // asked
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), png);

    // A request without an order shows no page.
    selectRequest(*run, run->initialId);
    QVERIFY(preview->pixmap().isNull());
    QVERIFY(!preview->isVisible());
    QVERIFY(!run->find<QLabel>("orderValueLabel")->text().contains(QStringLiteral("prikaz.png")));
    QVERIFY(!save->isEnabled());
    QVERIFY(run->window->orderPage().isNull());
}

void TestOperator::previewShowsPdfOrder()
{
    if (!ui::OperatorWindow::canPreviewPdf())
        QSKIP("built without Qt PDF: PDF orders open in the system's viewer");
    const QByteArray pdf = makePdf();
    QVERIFY(pdf.startsWith("%PDF-"));
    auto run = start(pdf, QStringLiteral("prikaz.pdf"));
    QVERIFY(run);
    auto *view = run->find<QTableView>("directorRequestsTableView");
    auto *preview = run->find<QLabel>("orderPreviewLabel");
    auto *next = run->find<QPushButton>("nextPageButton");
    auto *previous = run->find<QPushButton>("previousPageButton");
    auto *pageLabel = run->find<QLabel>("orderPageLabel");
    QVERIFY(view && preview && next && previous && pageLabel);
    QTRY_COMPARE(view->model()->rowCount(), 2);

    selectRequest(*run, run->changeId);
    QTRY_VERIFY_WITH_TIMEOUT(!preview->pixmap().isNull(), 15000);
    QCOMPARE(run->window->orderPageCount(), 2);
    QCOMPARE(run->window->orderPageIndex(), 0);
    const QImage page = run->window->orderPage();
    // A4 is 595 × 842 pt, rendered at twice that; the black block is at (50..250) pt.
    QVERIFY2(qAbs(page.width() - 1190) <= 2 && qAbs(page.height() - 1684) <= 2,
        qPrintable(QStringLiteral("%1x%2").arg(page.width()).arg(page.height())));
    QVERIFY(qGray(page.pixel(300, 300)) < 40); // inside the block
    QVERIFY(qGray(page.pixel(900, 1400)) > 215); // white paper
    QVERIFY(pageLabel->isVisible());
    QCOMPARE(pageLabel->text(), QStringLiteral("Page 1 of 2"));
    QVERIFY(next->isVisible() && next->isEnabled());
    QVERIFY(!previous->isEnabled());
    screenshot(run->window.get(), QStringLiteral("pdf"));

    QTest::mouseClick(next, Qt::LeftButton);
    QCOMPARE(run->window->orderPageIndex(), 1);
    QCOMPARE(pageLabel->text(), QStringLiteral("Page 2 of 2"));
    QVERIFY(qGray(run->window->orderPage().pixel(300, 300)) > 215); // no block on page 2
    QVERIFY(!next->isEnabled());
    QVERIFY(previous->isEnabled());
    QVERIFY(!preview->pixmap().isNull());
}

void TestOperator::confirmReachesServerAndLeavesQueue()
{
    auto run = start(makePng(), QStringLiteral("prikaz.png"));
    QVERIFY(run);
    auto *view = run->find<QTableView>("directorRequestsTableView");
    auto *confirm = run->find<QPushButton>("confirmDirectorButton");
    QTRY_COMPARE(view->model()->rowCount(), 2);
    server::DirectorStore &directors = run->server->server().directors();
    QCOMPARE(directors.request(run->initialId)->status, QStringLiteral("submitted"));

    selectRequest(*run, run->initialId);
    QTRY_VERIFY(confirm->isEnabled());
    QSignalSpy decided(run->session.get(), &client::OperatorSession::decided);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(!confirm->isEnabled()); // no second click while the decision travels
    QVERIFY(decided.wait(15000));
    QCOMPARE(decided.first().at(0).value<proto::DirectorRequest>().status, QStringLiteral("confirmed"));

    QCOMPARE(directors.request(run->initialId)->status, QStringLiteral("confirmed"));
    QCOMPARE(directors.request(run->changeId)->status, QStringLiteral("submitted")); // only the one clicked
    QCOMPARE(view->model()->rowCount(), 1); // it left the «awaiting» queue
    QCOMPARE(view->model()->index(0, 0).data(DirectorRequestModel::IdRole).toLongLong(), run->changeId);
    QCOMPARE(run->window->selectedRequestId(), 0); // nothing is picked for the operator
    QVERIFY(!confirm->isEnabled());
    QVERIFY(run->window->statusBar()->currentMessage().contains(QStringLiteral("Ёлкина Анна Петровна")));
    QVERIFY(run->prompter.informed.isEmpty());
}

void TestOperator::rejectNeedsReasonAndReachesServer()
{
    auto run = start(makePng(), QStringLiteral("prikaz.png"));
    QVERIFY(run);
    auto *view = run->find<QTableView>("directorRequestsTableView");
    auto *reject = run->find<QPushButton>("rejectDirectorButton");
    QTRY_COMPARE(view->model()->rowCount(), 2);
    server::DirectorStore &directors = run->server->server().directors();
    const qint64 versionBefore = directors.request(run->changeId)->version;

    selectRequest(*run, run->changeId);
    QTRY_VERIFY(reject->isEnabled());

    // Cancelling the reason sends nothing.
    QVERIFY(!run->session->isBusy()); // the order has arrived; nothing else is on its way
    run->prompter.reason.reset();
    QSignalSpy busy(run->session.get(), &client::OperatorSession::busyChanged);
    QTest::mouseClick(reject, Qt::LeftButton);
    QCOMPARE(run->prompter.reasonQuestions, 1);
    QCOMPARE(busy.count(), 0); // no request was started
    QCOMPARE(directors.request(run->changeId)->status, QStringLiteral("submitted"));
    QCOMPARE(directors.request(run->changeId)->version, versionBefore);
    QVERIFY(reject->isEnabled());

    const QString reason = QStringLiteral("Приказ не подписан директором учредителя");
    run->prompter.reason = reason;
    QSignalSpy decided(run->session.get(), &client::OperatorSession::decided);
    QTest::mouseClick(reject, Qt::LeftButton);
    QCOMPARE(run->prompter.reasonQuestions, 2);
    QVERIFY(decided.wait(15000));

    const auto onServer = directors.request(run->changeId);
    QCOMPARE(onServer->status, QStringLiteral("rejected"));
    QCOMPARE(onServer->reason, reason);
    QCOMPARE(directors.request(run->initialId)->status, QStringLiteral("submitted"));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data(DirectorRequestModel::IdRole).toLongLong(), run->initialId);

    // In the «rejected» list it shows the reason.
    auto *filter = run->find<QComboBox>("operatorStatusComboBox");
    QSignalSpy loaded(run->session.get(), &client::OperatorSession::queueChanged);
    filter->setCurrentIndex(filter->findData(QStringLiteral("rejected")));
    QVERIFY(loaded.wait(15000));
    QCOMPARE(view->model()->rowCount(), 1);
    selectRequest(*run, run->changeId);
    auto *reasonLabel = run->find<QLabel>("reasonValueLabel");
    QVERIFY(reasonLabel->isVisible());
    QCOMPARE(reasonLabel->text(), reason);
    QVERIFY(!reject->isEnabled());
}

void TestOperator::conflictShowsMessageAndReloads()
{
    auto run = start(makePng(), QStringLiteral("prikaz.png"));
    QVERIFY(run);
    auto *view = run->find<QTableView>("directorRequestsTableView");
    auto *confirm = run->find<QPushButton>("confirmDirectorButton");
    QTRY_COMPARE(view->model()->rowCount(), 2);
    selectRequest(*run, run->initialId);
    QTRY_VERIFY(confirm->isEnabled());

    // Another operator rejects it first, straight on the server; this window still shows it as submitted.
    server::DirectorStore &directors = run->server->server().directors();
    const auto before = directors.request(run->initialId);
    QVERIFY(directors.decide(run->initialId, run->operatorId, QStringLiteral("demo-operator"), false,
        QStringLiteral("Нет подписи"), before->version));
    QCOMPARE(view->model()->rowCount(), 2);
    QVERIFY(confirm->isEnabled());

    QSignalSpy failed(run->session.get(), &client::OperatorSession::failed);
    QSignalSpy loaded(run->session.get(), &client::OperatorSession::queueChanged);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(failed.wait(15000));
    QCOMPARE(failed.first().at(0).value<Error>().code, QStringLiteral("conflict"));
    QCOMPARE(run->prompter.informed.size(), 1); // told, not silently dropped
    QVERIFY(run->prompter.informed.first().contains(QStringLiteral("reloaded")));

    // The queue is loaded again and shows the truth: only the change is still waiting.
    QVERIFY(loaded.wait(15000));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data(DirectorRequestModel::IdRole).toLongLong(), run->changeId);
    QCOMPARE(run->window->selectedRequestId(), 0);
    QCOMPARE(directors.request(run->initialId)->status, QStringLiteral("rejected")); // the first decision stands
    QCOMPARE(directors.request(run->initialId)->reason, QStringLiteral("Нет подписи"));
}

QTEST_MAIN(TestOperator)
#include "tst_operator.moc"
