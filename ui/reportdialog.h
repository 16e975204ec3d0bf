#pragma once

#include "core/protocol.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
QT_END_NAMESPACE

namespace sg::client {
class ReportLinesModel;
}

namespace sg::ui {

class Exporter;
class Prompter;

// One report, or the preview of the next one: who sent it and when, the counts by role and decision, and every line
// in a table; «PDF…» and «CSV…» save it. A preview also has «Send report», which only asks (sendRequested): the
// owner sends and then closes the dialog, or calls setSending(false) and showError() when sending failed.
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    ReportDialog(
        const proto::Report &report, bool preview, Exporter *exporter, Prompter *prompter, QWidget *parent = nullptr);

    const proto::Report &report() const { return m_report; }
    bool isPreview() const { return m_preview; }
    QTableView *linesView() const { return m_view; }
    // While the report is on its way the send button is disabled and says so.
    void setSending(bool sending);
    bool isSending() const { return m_sending; }
    // An error shown above the table (empty: hide it).
    void showError(const QString &text);
    void retranslate();

signals:
    void sendRequested();
    // A file was written (PDF or CSV).
    void exported(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void exportAs(bool pdf);
    void updateSendButton();

    proto::Report m_report;
    bool m_preview;
    bool m_sending = false;
    Exporter *m_exporter;
    Prompter *m_prompter;
    client::ReportLinesModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_title;
    QLabel *m_details;
    QLabel *m_countsCaption[3]; // approved, rejected, total
    QLabel *m_rowCaption[3]; // teachers, students, all
    QLabel *m_emptyLabel;
    QLabel *m_errorLabel;
    QLabel *m_savedLabel;
    QTableView *m_view;
    QPushButton *m_exportPdf;
    QPushButton *m_exportCsv;
    QPushButton *m_send = nullptr;
    QPushButton *m_close;
    QString m_savedPath;
};

} // namespace sg::ui
