#pragma once

#include "core/protocol.h"
#include "core/result.h"

#include <QPointer>
#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
QT_END_NAMESPACE

namespace sg::client {
class ReportArchive;
class SchoolSession;
} // namespace sg::client

namespace sg::ui {

class Exporter;
class Prompter;
class ReportDialog;

// The «Reports» tab: at the top, how many decisions are not reported yet and «Preview and send…» (the preview
// dialog, from which the report is sent); below, the reports sent so far (double-click or Enter opens one) and
// the delimiter used for CSV files. A report waiting in the outbox shows above the history as queued, with «Cancel»;
// a report the server refused because its decisions changed reopens as the new preview with the differences marked.
// Loads the history when created and again after each sent report.
class ReportsPanel : public QWidget
{
    Q_OBJECT

public:
    ReportsPanel(client::SchoolSession *session, client::ReportArchive *archive, Exporter *exporter, Prompter *prompter,
        QWidget *parent = nullptr);

    QTableView *historyView() const { return m_view; }
    // The report or preview dialog now open (window-modal, deleted on close), or nullptr.
    ReportDialog *currentDialog() const { return m_dialog; }
    QChar csvDelimiter() const;
    void retranslate();

public slots:
    void showPreview();
    // Opens the report of this history row (a row of historyView()->model()).
    void openReportAt(const QModelIndex &index);

signals:
    // A report was sent from the preview dialog and is now in the history.
    void reportSent(const sg::proto::Report &report);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateBanner();
    void updateButtons();
    void openDialog(const proto::Report &report, bool preview);
    void onFailed(const Error &error);
    void onReportSent(const proto::Report &report);
    void updateSchoolName();
    void updateMessage();
    void updateQueued();
    void onReportChanged(const proto::ReportSnapshot &shown, const proto::Report &preview, const QString &message);

    client::SchoolSession *m_session;
    client::ReportArchive *m_archive;
    Exporter *m_exporter;
    Prompter *m_prompter;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_unreportedLabel;
    QPushButton *m_preview;
    QLabel *m_messageLabel;
    QWidget *m_queuedFrame;
    QLabel *m_queuedLabel;
    QPushButton *m_cancelQueued;
    QLabel *m_historyLabel;
    QTableView *m_view;
    QPushButton *m_open;
    QPushButton *m_refresh;
    QLabel *m_delimiterLabel;
    QComboBox *m_delimiter;
    QLabel *m_emptyHistoryLabel;
    QPointer<ReportDialog> m_dialog;
    bool m_previewRequested = false;
    qint64 m_requestedReportId = 0;
    bool m_sending = false;
    std::optional<proto::Report> m_lastSent; // shown under the banner until something else is
    QString m_errorText; // the last failure, as the server or the network said it
};

} // namespace sg::ui
