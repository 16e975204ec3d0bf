// The «Reports» tab with real widgets against a real server module: decisions, the preview, sending from it, the
// history, one report in its dialog, and what the exports write (PDF read back with pdftotext, CSV with CsvReader).

#include "client/apiclient.h"
#include "client/membertablemodel.h"
#include "client/reportarchive.h"
#include "client/schoolsession.h"
#include "core/csvreader.h"
#include "fakeprompter.h"
#include "server/accountstore.h"
#include "server/schoolstore.h"
#include "testserver.h"
#include "ui/exporter.h"
#include "ui/memberfilterproxymodel.h"
#include "ui/reportdialog.h"
#include "ui/reportspanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace sg;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// The text of a PDF as poppler sees it, whitespace collapsed (cells may wrap). poppler-utils is a required test
// dependency (scripts/setup installs it): without it the check fails rather than being skipped.
QString pdfText(const QString &path)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return QStringLiteral("<pdftotext not found: install poppler-utils (scripts/setup)>");
    QProcess p;
    p.start(tool, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return QStringLiteral("<pdftotext failed: %1>").arg(QString::fromLocal8Bit(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

// Screenshots for people, when SG_TEST_SCREENSHOT_DIR names a folder (never needed by the checks).
void keepScreenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("SG_TEST_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(QDir(dir).filePath(name));
}

void keepFile(const QString &path, const QString &name)
{
    const QString dir = qEnvironmentVariable("SG_TEST_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QFile::remove(QDir(dir).filePath(name));
        QFile::copy(path, QDir(dir).filePath(name));
    }
}

} // namespace

class TestReports : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void historyModelPassesTester();
    void spreadsheetSafe_data();
    void spreadsheetSafe();
    void previewShowsThreeLines();
    void sendFromPreview();
    void openReportWithEnterAndDoubleClick();
    void exportReportPdf();
    void exportReportCsv_data();
    void exportReportCsv();
    void exportMembersTable();
    void formulaCellsGetApostropheOnlyInCsv();
    void unwritablePathInformsAndWritesNothing();
    void emptyPreviewCannotBeSent();
    void reportChangedAfterPreviewIsRefusedAndShown();
    void archiveReportsFailures();
    void retranslateKeepsStateAndNamesEveryControl();

private:
    ui::ReportDialog *openReport(int historyRow);
    QList<qint64> pendingTeachers(int count) const;
    ui::ReportDialog *waitForDialog() const;

    std::unique_ptr<test::TestServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<client::ApiClient> m_api;
    std::unique_ptr<client::SchoolSession> m_session;
    std::unique_ptr<client::ReportArchive> m_archive;
    ui::Exporter m_exporter;
    test::FakePrompter m_prompter;
    std::unique_ptr<ui::ReportsPanel> m_panel;
    QTemporaryDir m_dir;
    QStringList m_decidedNames; // full names of the three teachers in report No. 1
};

void TestReports::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // The look of the real app (ui/main.cpp): the banners and buttons are styled by the style sheet.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFile qss(QStringLiteral(":/style/schoolgate.qss"));
    QVERIFY(qss.open(QIODevice::ReadOnly));
    qApp->setStyleSheet(QString::fromUtf8(qss.readAll()));
    m_server = std::make_unique<test::TestServer>();
    QVERIFY2(m_server->isValid(), qPrintable(m_server->errorString()));
    m_api = std::make_unique<client::ApiClient>(&m_network);
    m_api->setBaseUrl(m_server->url());
    m_session = std::make_unique<client::SchoolSession>(m_api.get());

    QSignalSpy signedIn(m_session.get(), &client::SchoolSession::signedIn);
    m_session->signIn(QStringLiteral("demo-school"), test::TestServer::kPassword);
    QVERIFY(signedIn.wait(15000));
    m_session->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->teachers()->rowCount(), m_server->demo().teachers, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->school().has_value() && !m_session->isBusy(), 15000);
    QVERIFY(m_session->canDecideTeachers());
    QCOMPARE(m_session->unreportedDecisions(), 0);

    QCOMPARE(m_session->user()->schoolId.value_or(0), m_server->demo().schoolId);
    m_archive = std::make_unique<client::ReportArchive>(m_api.get(), m_server->demo().schoolId);
}

void TestReports::cleanup()
{
    if (m_panel && m_panel->currentDialog()) {
        m_panel->currentDialog()->close();
        QTRY_VERIFY(!m_panel->currentDialog());
    }
}

QList<qint64> TestReports::pendingTeachers(int count) const
{
    QList<qint64> ids;
    for (const proto::Member &m : m_session->teachers()->members()) {
        if (m.status == MemberStatus::Pending && ids.size() < count)
            ids.append(m.id);
    }
    return ids;
}

ui::ReportDialog *TestReports::waitForDialog() const
{
    if (!QTest::qWaitFor([this] { return m_panel->currentDialog() != nullptr; }, 15000))
        return nullptr;
    ui::ReportDialog *dialog = m_panel->currentDialog();
    if (!QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

ui::ReportDialog *TestReports::openReport(int historyRow)
{
    QTableView *view = m_panel->historyView();
    m_panel->openReportAt(view->model()->index(historyRow, 0));
    return waitForDialog();
}

void TestReports::historyModelPassesTester()
{
    client::ReportHistoryModel history;
    QAbstractItemModelTester historyTester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proto::Report a;
    a.id = 7;
    a.schoolId = 1;
    a.number = 2;
    a.createdAt = QDateTime(QDate(2024, 5, 12), QTime(9, 30), QTimeZone::utc());
    a.createdBy = QStringLiteral("Школа № 1");
    a.teachersApproved = 3;
    a.studentsRejected = 2;
    proto::Report b = a;
    b.id = 5;
    b.number = 1;
    b.teachersApproved = 1;
    b.studentsRejected = 0;
    history.setReports({a, b});
    QCOMPARE(history.rowCount(), 2);
    QCOMPARE(history.columnCount(), int(client::ReportHistoryModel::ColumnCount));
    QCOMPARE(history.index(0, client::ReportHistoryModel::NumberColumn).data().toInt(), 2);
    QCOMPARE(history.index(0, client::ReportHistoryModel::TotalColumn).data().toInt(), 5);
    QCOMPARE(history.index(1, client::ReportHistoryModel::TotalColumn).data().toInt(), 1);
    QCOMPARE(history.index(0, client::ReportHistoryModel::SentByColumn).data().toString(), a.createdBy);
    QCOMPARE(history.index(1, 0).data(client::ReportHistoryModel::IdRole).toLongLong(), 5);
    QCOMPARE(history.index(0, client::ReportHistoryModel::DateColumn).data(Qt::EditRole).toDateTime(), a.createdAt);
    QVERIFY(!history.index(0, client::ReportHistoryModel::DateColumn).data().toString().isEmpty());
    QCOMPARE(history.rowOf(5), 1);
    QCOMPARE(history.rowOf(99), -1);
    QVERIFY(
        !history.headerData(client::ReportHistoryModel::TeachersRejectedColumn, Qt::Horizontal).toString().isEmpty());
    history.setReports({});
    QCOMPARE(history.rowCount(), 0);

    client::ReportLinesModel lines;
    QAbstractItemModelTester linesTester(&lines, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proto::ReportLine l1{11, QStringLiteral("Ёлкина Анна"), Role::Teacher, Verdict::Approve, {}, a.createdAt};
    proto::ReportLine l2{12, QStringLiteral("Елисеев Борис"), Role::Student, Verdict::Reject,
        QStringLiteral("Не учится в школе"), a.createdAt.addSecs(60)};
    proto::ReportLine l3{13, QStringLiteral("Жуков Иван"), Role::Student, Verdict::Approve, {}, a.createdAt};
    lines.setLines({l3, l1, l2});
    QCOMPARE(lines.rowCount(), 3);
    QCOMPARE(lines.index(2, client::ReportLinesModel::ReasonColumn).data().toString(), l2.reason);
    QCOMPARE(lines.index(2, client::ReportLinesModel::VerdictColumn).data().toString(),
        client::ReportLinesModel::verdictText(Verdict::Reject));
    QCOMPARE(lines.index(0, 0).data(client::ReportLinesModel::MemberIdRole).toLongLong(), 13);
    // Russian collation: Е/Ё together, before Ж. «Елисеев» < «Ёлкина» < «Жуков».
    const auto rank = [&](int row) { return lines.index(row, 0).data(client::ReportLinesModel::SortKeyRole).toInt(); };
    QVERIFY(rank(2) < rank(1));
    QVERIFY(rank(1) < rank(0));
}

void TestReports::spreadsheetSafe_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("written");
    QTest::newRow("equals") << QStringLiteral("=1+2") << QStringLiteral("'=1+2");
    QTest::newRow("plus") << QStringLiteral("+7 900 000-00-00") << QStringLiteral("'+7 900 000-00-00");
    QTest::newRow("minus") << QStringLiteral("-2") << QStringLiteral("'-2");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("cr") << QStringLiteral("\r=1") << QStringLiteral("'\r=1");
    QTest::newRow("plain") << QStringLiteral("Иванова Анна") << QStringLiteral("Иванова Анна");
    QTest::newRow("inner equals") << QStringLiteral("a=b") << QStringLiteral("a=b");
    QTest::newRow("hyphenated") << QStringLiteral("Петрова-Водкина") << QStringLiteral("Петрова-Водкина");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("apostrophe") << QStringLiteral("'quoted") << QStringLiteral("'quoted");
}

void TestReports::spreadsheetSafe()
{
    QFETCH(QString, cell);
    QFETCH(QString, written);
    QCOMPARE(ui::Exporter::spreadsheetSafe(cell), written);
}

void TestReports::previewShowsThreeLines()
{
    const QList<qint64> ids = pendingTeachers(3);
    QCOMPARE(ids.size(), 3);
    for (qint64 id : ids)
        m_decidedNames.append(m_session->teachers()->memberById(id)->fullName());
    QSignalSpy decided(m_session.get(), &client::SchoolSession::decisionsFinished);
    m_session->decide(ids, Verdict::Approve);
    QVERIFY(decided.wait(15000));
    QCOMPARE(decided.first().at(0).toInt(), 3);
    QCOMPARE(m_session->unreportedDecisions(), 3);

    QSignalSpy history(m_archive.get(), &client::ReportArchive::historyChanged);
    QAbstractItemModelTester tester(m_archive->historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_panel = std::make_unique<ui::ReportsPanel>(m_session.get(), m_archive.get(), &m_exporter, &m_prompter);
    QCOMPARE(m_panel->objectName(), QStringLiteral("reportsPanel"));
    m_panel->resize(1000, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QVERIFY(history.wait(15000));
    QCOMPARE(m_archive->history().size(), 0);
    QCOMPARE(m_archive->unreportedDecisions(), 3);
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("emptyHistoryLabel"))->isVisible());
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("unreportedLabel"))->text().contains(QLatin1Char('3')));

    auto *preview = m_panel->findChild<QPushButton *>(QStringLiteral("previewReportButton"));
    QVERIFY(preview);
    QTRY_VERIFY(preview->isEnabled());
    QTest::mouseClick(preview, Qt::LeftButton);
    ui::ReportDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isPreview());
    QCOMPARE(dialog->objectName(), QStringLiteral("reportPreviewDialog"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Report preview"));
    QCOMPARE(dialog->report().number, 0);
    QCOMPARE(dialog->report().id, 0);
    QCOMPARE(dialog->linesView()->model()->rowCount(), 3);
    QStringList shown;
    for (int row = 0; row < 3; ++row)
        shown.append(
            dialog->linesView()->model()->index(row, client::ReportLinesModel::FullNameColumn).data().toString());
    QCOMPARE(QSet<QString>(shown.begin(), shown.end()), QSet<QString>(m_decidedNames.begin(), m_decidedNames.end()));
    const auto count = [dialog](const char *name) {
        auto *label = dialog->findChild<QLabel *>(QLatin1String(name));
        return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
    };
    QCOMPARE(count("teachersApprovedLabel"), QStringLiteral("3"));
    QCOMPARE(count("teachersRejectedLabel"), QStringLiteral("0"));
    QCOMPARE(count("studentsApprovedLabel"), QStringLiteral("0"));
    QCOMPARE(count("allTotalLabel"), QStringLiteral("3"));
    auto *send = dialog->findChild<QPushButton *>(QStringLiteral("confirmSendReportButton"));
    QVERIFY(send && send->isEnabled());
    QVERIFY(!send->autoDefault()); // Enter never sends by accident
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("exportPdfButton")));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("exportCsvButton")));
    keepScreenshot(dialog, QStringLiteral("reports-preview.png"));
}

void TestReports::sendFromPreview()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    auto *previewButton = m_panel->findChild<QPushButton *>(QStringLiteral("previewReportButton"));
    QTRY_VERIFY(previewButton->isEnabled());
    QTest::mouseClick(previewButton, Qt::LeftButton);
    ui::ReportDialog *dialog = waitForDialog();
    QVERIFY(dialog && dialog->isPreview());
    QCOMPARE(dialog->report().total(), 3);
    auto *send = dialog->findChild<QPushButton *>(QStringLiteral("confirmSendReportButton"));
    QSignalSpy sent(m_session.get(), &client::SchoolSession::reportSent);
    QSignalSpy panelSent(m_panel.get(), &ui::ReportsPanel::reportSent);
    QSignalSpy history(m_archive.get(), &client::ReportArchive::historyChanged);
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(dialog->isSending());
    QVERIFY(!send->isEnabled()); // a second click cannot send twice
    QVERIFY(sent.wait(15000));
    QCOMPARE(panelSent.size(), 1);
    const auto report = sent.first().at(0).value<proto::Report>();
    QCOMPARE(report.number, 1);
    QCOMPARE(report.teachersApproved, 3);
    QTRY_VERIFY(!m_panel->currentDialog()); // the preview closes once sent
    QVERIFY(history.wait(15000));
    QCOMPARE(m_archive->history().size(), 1);
    QCOMPARE(m_archive->history().first().number, 1);
    QCOMPARE(m_session->unreportedDecisions(), 0);

    QAbstractItemModel *model = m_panel->historyView()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, client::ReportHistoryModel::NumberColumn).data().toInt(), 1);
    QCOMPARE(model->index(0, client::ReportHistoryModel::TeachersApprovedColumn).data().toInt(), 3);
    QCOMPARE(model->index(0, client::ReportHistoryModel::TotalColumn).data().toInt(), 3);
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("emptyHistoryLabel"))->isVisible());
    QVERIFY(!m_panel->findChild<QPushButton *>(QStringLiteral("previewReportButton"))->isEnabled());
    auto *message = m_panel->findChild<QLabel *>(QStringLiteral("reportMessageLabel"));
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("No. 1")), qPrintable(message->text()));
    keepScreenshot(m_panel.get(), QStringLiteral("reports-panel.png"));
}

void TestReports::openReportWithEnterAndDoubleClick()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    QTableView *view = m_panel->historyView();
    QCOMPARE(view->model()->rowCount(), 1);
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 1));
    QTest::keyClick(view, Qt::Key_Return);
    ui::ReportDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->isPreview());
    QCOMPARE(dialog->objectName(), QStringLiteral("reportDialog"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Report No. 1"));
    QCOMPARE(dialog->report().number, 1);
    QCOMPARE(dialog->report().lines.size(), 3);
    QCOMPARE(dialog->linesView()->model()->rowCount(), 3);
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("confirmSendReportButton")));
    QVERIFY(
        dialog->findChild<QLabel *>(QStringLiteral("reportDetailsLabel"))->text().contains(dialog->report().createdBy));
    keepScreenshot(dialog, QStringLiteral("reports-report1.png"));
    dialog->close();
    QTRY_VERIFY(!m_panel->currentDialog());

    const QRect cell = view->visualRect(view->model()->index(0, client::ReportHistoryModel::TotalColumn));
    QVERIFY(cell.isValid());
    // What a real double-click delivers: press, release, then the double-click.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    dialog = waitForDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->report().number, 1);
}

void TestReports::exportReportPdf()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    ui::ReportDialog *dialog = openReport(0);
    QVERIFY(dialog);
    const QString path = m_dir.filePath(QStringLiteral("отчёт 1.pdf"));
    m_prompter.saveFiles = {path};
    QSignalSpy exported(dialog, &ui::ReportDialog::exported);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportPdfButton")), Qt::LeftButton);
    QCOMPARE(exported.size(), 1);
    QCOMPARE(exported.first().at(0).toString(), path);
    QVERIFY(m_prompter.saveFiles.isEmpty()); // the path was asked for
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY2(pdf.size() > 1024, QByteArray::number(pdf.size()).constData());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("savedLabel"))->text().contains(QStringLiteral("отчёт 1.pdf")));
    keepFile(path, QStringLiteral("reports-report1.pdf"));

    const QString text = pdfText(path);
    for (const QString &name : std::as_const(m_decidedNames))
        QVERIFY2(text.contains(name), qPrintable(name + QStringLiteral(" not in: ") + text.left(2000)));
    QVERIFY2(text.contains(QStringLiteral("Report No. 1")), qPrintable(text.left(500)));
    QVERIFY2(text.contains(m_session->school()->name), qPrintable(text.left(500)));
}

void TestReports::exportReportCsv_data()
{
    QTest::addColumn<int>("comboIndex");
    QTest::addColumn<QChar>("delimiter");
    QTest::newRow("semicolon (default)") << -1 << QChar(u';');
    QTest::newRow("comma") << 1 << QChar(u',');
    QTest::newRow("tab") << 2 << QChar(u'\t');
}

void TestReports::exportReportCsv()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    QFETCH(int, comboIndex);
    QFETCH(QChar, delimiter);
    auto *combo = m_panel->findChild<QComboBox *>(QStringLiteral("csvDelimiterComboBox"));
    QVERIFY(combo);
    if (comboIndex < 0)
        combo->setCurrentIndex(0); // the default
    else
        combo->setCurrentIndex(comboIndex);
    QCOMPARE(m_panel->csvDelimiter(), delimiter);

    ui::ReportDialog *dialog = openReport(0);
    QVERIFY(dialog);
    const QString path = m_dir.filePath(QStringLiteral("report-%1.csv").arg(int(delimiter.unicode())));
    m_prompter.saveFiles = {path};
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportCsvButton")), Qt::LeftButton);
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    QVERIFY(bytes.contains("\r\n"));
    auto table = CsvReader::parse(bytes); // the delimiter is detected, not told
    QVERIFY2(table.ok(), table.ok() ? "" : qPrintable(table.error().message));
    QCOMPARE(table->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(table->delimiter, delimiter);
    QCOMPARE(table->header, m_exporter.reportCsvHeader());
    QCOMPARE(table->rows.size(), 3);
    const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$"));
    QStringList names;
    for (const QStringList &row : table->rows) {
        QCOMPARE(row.size(), 6);
        QCOMPARE(row.at(0), QStringLiteral("1"));
        names.append(row.at(1));
        QCOMPARE(row.at(2), client::ReportLinesModel::roleText(Role::Teacher));
        QCOMPARE(row.at(3), client::ReportLinesModel::verdictText(Verdict::Approve));
        QVERIFY2(iso.match(row.at(5)).hasMatch(), qPrintable(row.at(5)));
    }
    QCOMPARE(QSet<QString>(names.begin(), names.end()), QSet<QString>(m_decidedNames.begin(), m_decidedNames.end()));
}

void TestReports::exportMembersTable()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    // What is shown: the approved teachers only (through the panel's own proxy).
    ui::MemberFilterProxyModel proxy;
    proxy.setSourceModel(m_session->teachers());
    proxy.setStatusFilter(MemberStatus::Approved);
    proxy.sort(client::MemberTableModel::FullNameColumn);
    const int shown = proxy.rowCount();
    QVERIFY(shown >= 3);
    QVERIFY(shown < m_session->teachers()->rowCount());

    const QString csvPath = m_dir.filePath(QStringLiteral("teachers.csv"));
    m_prompter.saveFiles = {csvPath};
    ui::Exporter exporter; // the panel's exporter keeps the delimiter chosen there
    exporter.setSchoolName(m_session->school()->name);
    QCOMPARE(exporter.csvDelimiter(), QChar(u';')); // the default
    const auto written = exporter.saveTable(
        m_panel.get(), &m_prompter, &proxy, QStringLiteral("Approved teachers"), ui::Exporter::Format::Csv);
    QCOMPARE(written.value_or(QString()), csvPath);
    auto table = CsvReader::parse(readAll(csvPath), u';');
    QVERIFY(table.ok());
    QCOMPARE(table->header.size(), int(client::MemberTableModel::ColumnCount));
    for (int c = 0; c < client::MemberTableModel::ColumnCount; ++c)
        QCOMPARE(table->header.at(c), proxy.headerData(c, Qt::Horizontal).toString());
    QCOMPARE(table->rows.size(), shown);
    for (int r = 0; r < shown; ++r) {
        QCOMPARE(table->rows.at(r).at(client::MemberTableModel::FullNameColumn),
            proxy.index(r, client::MemberTableModel::FullNameColumn).data().toString());
        QCOMPARE(table->rows.at(r).at(client::MemberTableModel::StatusColumn),
            proxy.index(r, client::MemberTableModel::StatusColumn).data().toString());
    }

    const QString pdfPath = m_dir.filePath(QStringLiteral("teachers.pdf"));
    QVERIFY(exporter.exportTablePdf(&proxy, QStringLiteral("Approved teachers"), pdfPath).ok());
    const QByteArray pdf = readAll(pdfPath);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.size() > 1024);
    keepFile(pdfPath, QStringLiteral("reports-teachers.pdf"));
    const QString text = pdfText(pdfPath);
    QVERIFY2(text.contains(QStringLiteral("Approved teachers")), qPrintable(text.left(500)));
    const QString first = proxy.index(0, client::MemberTableModel::FullNameColumn).data().toString();
    const QString last = proxy.index(shown - 1, client::MemberTableModel::FullNameColumn).data().toString();
    QVERIFY2(text.contains(first), qPrintable(first));
    QVERIFY2(text.contains(last), qPrintable(last));
    QVERIFY(text.contains(proxy.headerData(client::MemberTableModel::EsiaLevelColumn, Qt::Horizontal).toString()));
}

void TestReports::formulaCellsGetApostropheOnlyInCsv()
{
    QStandardItemModel model(0, 3);
    model.setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Note"), QStringLiteral("Count")});
    const auto row = [](const QString &a, const QString &b, const QVariant &n) {
        auto *count = new QStandardItem;
        count->setData(n, Qt::DisplayRole);
        return QList<QStandardItem *>{new QStandardItem(a), new QStandardItem(b), count};
    };
    model.appendRow(row(QStringLiteral("=HYPERLINK(\"http://evil\";\"x\")"), QStringLiteral("@SUM(1)"), -5));
    model.appendRow(row(QStringLiteral("+79001234567"), QStringLiteral("a; \"quoted\"\nsecond line"), 12));
    model.appendRow(row(QStringLiteral("Иванова-Петрова Анна"), QStringLiteral("-"), 0));
    const QString path = m_dir.filePath(QStringLiteral("formulas.csv"));
    QVERIFY(m_exporter.exportTableCsv(&model, path, u',').ok());
    auto table = CsvReader::parse(readAll(path), u',');
    QVERIFY(table.ok());
    QCOMPARE(table->rows.size(), 3);
    QCOMPARE(table->rows.at(0).at(0), QStringLiteral("'=HYPERLINK(\"http://evil\";\"x\")"));
    QCOMPARE(table->rows.at(0).at(1), QStringLiteral("'@SUM(1)"));
    QCOMPARE(table->rows.at(0).at(2), QStringLiteral("-5")); // a number is data, not a formula
    QCOMPARE(table->rows.at(1).at(0), QStringLiteral("'+79001234567"));
    QCOMPARE(table->rows.at(1).at(1), QStringLiteral("a; \"quoted\"\nsecond line")); // otherwise exact
    QCOMPARE(table->rows.at(2).at(0), QStringLiteral("Иванова-Петрова Анна"));
    QCOMPARE(table->rows.at(2).at(1), QStringLiteral("'-"));

    // A rejection reason in a report: guarded in CSV, exact in the PDF.
    proto::Report report;
    report.schoolId = 1;
    report.number = 9;
    report.createdAt = QDateTime::currentDateTimeUtc();
    report.studentsRejected = 1;
    report.lines.append({42, QStringLiteral("Сидоров Пётр"), Role::Student, Verdict::Reject,
        QStringLiteral("=cmd|' /C calc'!A0"), report.createdAt});
    const QString csvPath = m_dir.filePath(QStringLiteral("formula-report.csv"));
    QVERIFY(m_exporter.exportReportCsv(report, csvPath, u';').ok());
    auto back = CsvReader::parse(readAll(csvPath), u';');
    QVERIFY(back.ok());
    QCOMPARE(back->rows.size(), 1);
    QCOMPARE(back->rows.at(0).at(4), QStringLiteral("'=cmd|' /C calc'!A0"));
    QCOMPARE(back->rows.at(0).at(1), QStringLiteral("Сидоров Пётр"));
    const QString pdfPath = m_dir.filePath(QStringLiteral("formula-report.pdf"));
    QVERIFY(m_exporter.exportReportPdf(report, pdfPath).ok());
    const QString text = pdfText(pdfPath);
    QVERIFY2(text.contains(QStringLiteral("=cmd|' /C calc'!A0")), qPrintable(text.left(1000)));
    QVERIFY(!text.contains(QStringLiteral("'=cmd")));
}

void TestReports::unwritablePathInformsAndWritesNothing()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    // A path below a regular file cannot be created, not even by root.
    const QString blocker = m_dir.filePath(QStringLiteral("not-a-folder"));
    {
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    const QString pdfPath = blocker + QStringLiteral("/report.pdf");
    const QString csvPath = blocker + QStringLiteral("/report.csv");

    ui::ReportDialog *dialog = openReport(0);
    QVERIFY(dialog);
    QSignalSpy exported(dialog, &ui::ReportDialog::exported);
    const qsizetype informed = m_prompter.informed.size();
    m_prompter.saveFiles = {pdfPath, csvPath};
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportPdfButton")), Qt::LeftButton);
    QCOMPARE(m_prompter.informed.size(), informed + 1);
    QVERIFY2(
        m_prompter.informed.last().contains(QDir::toNativeSeparators(pdfPath)), qPrintable(m_prompter.informed.last()));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportCsvButton")), Qt::LeftButton);
    QCOMPARE(m_prompter.informed.size(), informed + 2);
    QVERIFY(m_prompter.informed.last().contains(QStringLiteral("report.csv")));
    QCOMPARE(exported.size(), 0);
    QVERIFY(!QFile::exists(pdfPath));
    QVERIFY(!QFile::exists(csvPath));
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("savedLabel"))->isVisible());
    QCOMPARE(readAll(blocker), QByteArray("x"));

    // The same through the plain API: an error with its code, and no leftovers beside the target.
    QStandardItemModel model(1, 1);
    const Status s = m_exporter.exportTablePdf(&model, QStringLiteral("t"), blocker + QStringLiteral("/t.pdf"));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, QStringLiteral("file-error"));
    // A cancelled question writes nothing and says nothing.
    m_prompter.saveFiles.clear();
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportPdfButton")), Qt::LeftButton);
    QCOMPARE(m_prompter.informed.size(), informed + 2);
    QCOMPARE(exported.size(), 0);
}

void TestReports::emptyPreviewCannotBeSent()
{
    QSignalSpy loaded(m_archive.get(), &client::ReportArchive::previewLoaded);
    m_archive->loadPreview();
    QVERIFY(loaded.wait(15000));
    const auto preview = loaded.first().at(0).value<proto::Report>();
    QCOMPARE(preview.number, 0);
    QCOMPARE(preview.lines.size(), 0);
    QCOMPARE(preview.total(), 0);
    ui::ReportDialog dialog(preview, true, &m_exporter, &m_prompter);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy requested(&dialog, &ui::ReportDialog::sendRequested);
    auto *send = dialog.findChild<QPushButton *>(QStringLiteral("confirmSendReportButton"));
    QVERIFY(send);
    QVERIFY(!send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(requested.size(), 0);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("emptyReportLabel"))->isVisible());
}

void TestReports::reportChangedAfterPreviewIsRefusedAndShown()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    const QList<qint64> first = pendingTeachers(2);
    QCOMPARE(first.size(), 2);
    QSignalSpy decided(m_session.get(), &client::SchoolSession::decisionsFinished);
    m_session->decide(first, Verdict::Approve);
    QVERIFY(decided.wait(15000));
    auto *previewButton = m_panel->findChild<QPushButton *>(QStringLiteral("previewReportButton"));
    QTRY_VERIFY(previewButton->isEnabled());
    QTest::mouseClick(previewButton, Qt::LeftButton);
    ui::ReportDialog *dialog = waitForDialog();
    QVERIFY(dialog && dialog->isPreview());
    QCOMPARE(dialog->report().total(), 2);

    // Meanwhile a colleague (a second account of the school) rejects one of the listed people and approves another.
    server::NewAccount colleague;
    colleague.login = QStringLiteral("reports-colleague");
    colleague.password = QStringLiteral("a colleague's long password");
    colleague.role = Role::School;
    colleague.schoolId = m_server->demo().schoolId;
    QVERIFY(m_server->server().accounts().createAccount(colleague).ok());
    QNetworkAccessManager network;
    client::ApiClient other(&network);
    other.setBaseUrl(m_server->url());
    bool signedIn = false;
    other.login(colleague.login, colleague.password, [&](auto s) { signedIn = s.ok(); });
    QTRY_VERIFY(signedIn);
    const qint64 listed = first.at(1);
    const QList<qint64> more = pendingTeachers(1);
    QCOMPARE(more.size(), 1);
    const qint64 added = more.first();
    const auto versionOf = [this](qint64 id) {
        for (const auto &m : m_server->server().schools().members(m_server->demo().schoolId, {Role::Teacher, {}}))
            if (m.id == id)
                return m.version;
        return qint64(0);
    };
    int applied = -1;
    other.submitDecisions(m_server->demo().schoolId,
        {proto::DecisionItem{QStringLiteral("colleague-key-0001"), listed, Verdict::Reject,
             QStringLiteral("Не работает в школе"), versionOf(listed)},
            proto::DecisionItem{
                QStringLiteral("colleague-key-0002"), added, Verdict::Approve, QString(), versionOf(added)}},
        [&](auto a) {
            applied = a ? int(std::count_if(a->results.begin(), a->results.end(),
                          [](const auto &x) { return x.outcome == DecisionOutcome::Applied; }))
                        : 0;
        });
    QTRY_COMPARE(applied, 2);
    const int reportsBefore = int(m_server->server().schools().reports(m_server->demo().schoolId).size());

    // «Send report» on the stale preview: refused, nothing sent; the changed preview opens with the differences.
    QSignalSpy sent(m_session.get(), &client::SchoolSession::reportSent);
    QSignalSpy changed(m_session.get(), &client::SchoolSession::reportChanged);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmSendReportButton")), Qt::LeftButton);
    QVERIFY(changed.wait(15000));
    QCOMPARE(sent.size(), 0);
    QCOMPARE(int(m_server->server().schools().reports(m_server->demo().schoolId).size()), reportsBefore);
    QTRY_VERIFY(m_panel->currentDialog() && m_panel->currentDialog() != dialog);
    ui::ReportDialog *fresh = waitForDialog();
    QVERIFY(fresh && fresh->isPreview() && fresh->hasChanges());
    QCOMPARE(fresh->report().total(), 3);
    QCOMPARE(fresh->report().teachersRejected, 1);
    auto *changes = fresh->findChild<QLabel *>(QStringLiteral("reportChangesLabel"));
    QVERIFY(changes->isVisible());
    QVERIFY2(
        changes->text().contains(QStringLiteral("1 new line")) && changes->text().contains(QStringLiteral("1 changed")),
        qPrintable(changes->text()));
    const QAbstractItemModel *lines = fresh->linesView()->model();
    QHash<qint64, int> marks;
    for (int row = 0; row < lines->rowCount(); ++row) {
        const QModelIndex index = lines->index(row, client::ReportLinesModel::VerdictColumn);
        marks.insert(index.data(client::ReportLinesModel::MemberIdRole).toLongLong(),
            index.data(client::ReportLinesModel::ChangeRole).toInt());
        const bool tinted = index.data(Qt::BackgroundRole).isValid();
        QCOMPARE(tinted, index.data(client::ReportLinesModel::ChangeRole).toInt() != 0);
    }
    QCOMPARE(marks.value(first.at(0)), int(client::ReportLinesModel::Change::None));
    QCOMPARE(marks.value(listed), int(client::ReportLinesModel::Change::Changed));
    QCOMPARE(marks.value(added), int(client::ReportLinesModel::Change::Added));
    keepScreenshot(fresh, QStringLiteral("reports-preview-changed.png"));

    // Sent again from the new preview: accepted, with its content.
    QTest::mouseClick(fresh->findChild<QPushButton *>(QStringLiteral("confirmSendReportButton")), Qt::LeftButton);
    QVERIFY(sent.wait(15000));
    const auto report = sent.first().at(0).value<proto::Report>();
    QCOMPARE(report.number, reportsBefore + 1);
    QCOMPARE(report.total(), 3);
    QCOMPARE(report.teachersRejected, 1);
    QVERIFY(proto::ReportSnapshot::of(report).sameAs(proto::ReportSnapshot::of(fresh->report())));
    QTRY_VERIFY(!m_panel->currentDialog());
    QTRY_COMPARE(m_panel->historyView()->model()->rowCount(), reportsBefore + 1);
    // Newest first.
    QCOMPARE(m_panel->historyView()->model()->index(0, client::ReportHistoryModel::NumberColumn).data().toInt(),
        reportsBefore + 1);
}

void TestReports::archiveReportsFailures()
{
    // Another school's reports: refused, and said through failed().
    client::ReportArchive foreign(m_api.get(), m_server->demo().lyceumId);
    QSignalSpy failed(&foreign, &client::ReportArchive::failed);
    QSignalSpy changed(&foreign, &client::ReportArchive::historyChanged);
    QSignalSpy busy(&foreign, &client::ReportArchive::busyChanged);
    foreign.refresh();
    QVERIFY(foreign.isBusy());
    QVERIFY(failed.wait(15000));
    QCOMPARE(changed.size(), 0);
    QVERIFY(failed.first().at(0).value<Error>().httpStatus >= 400);
    QVERIFY(!foreign.isBusy());
    QCOMPARE(busy.size(), 2);

    QSignalSpy ownFailed(m_archive.get(), &client::ReportArchive::failed);
    m_archive->loadReport(987654);
    QVERIFY(ownFailed.wait(15000));
    QCOMPARE(ownFailed.first().at(0).value<Error>().httpStatus, 404);

    // Two refreshes in a row: one historyChanged, from the later one.
    QSignalSpy history(m_archive.get(), &client::ReportArchive::historyChanged);
    m_archive->refresh();
    m_archive->refresh();
    QTRY_VERIFY(!m_archive->isBusy());
    QCOMPARE(history.size(), 1);
    QCOMPARE(m_archive->history().size(), 2);
}

void TestReports::retranslateKeepsStateAndNamesEveryControl()
{
    QVERIFY2(m_panel, "runs after previewShowsThreeLines");
    auto *combo = m_panel->findChild<QComboBox *>(QStringLiteral("csvDelimiterComboBox"));
    combo->setCurrentIndex(0);
    QCOMPARE(m_exporter.csvDelimiter(), QChar(u';'));
    combo->setCurrentIndex(2);
    QCOMPARE(m_exporter.csvDelimiter(), QChar(u'\t'));
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(m_panel.get(), &change);
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->currentIndex(), 2);
    QCOMPARE(m_exporter.csvDelimiter(), QChar(u'\t'));
    QCOMPARE(m_panel->findChild<QPushButton *>(QStringLiteral("previewReportButton"))->text(),
        QStringLiteral("Preview and send…"));

    ui::ReportDialog *dialog = openReport(0);
    QVERIFY(dialog);
    QCoreApplication::sendEvent(dialog, &change);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Report No. 2"));
    for (QWidget *root : {static_cast<QWidget *>(m_panel.get()), static_cast<QWidget *>(dialog)}) {
        const auto controls = root->findChildren<QWidget *>();
        int named = 0;
        for (QWidget *w : controls) {
            if (!qobject_cast<QAbstractButton *>(w) && !qobject_cast<QComboBox *>(w)
                && !qobject_cast<QAbstractItemView *>(w))
                continue;
            if (w->objectName().isEmpty() || w->window() != root)
                continue; // Qt's own parts (header, corner button); the dialog's controls are checked with it
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
            ++named;
        }
        QVERIFY(named >= 4);
    }
}

QTEST_MAIN(TestReports)
#include "tst_reports.moc"
