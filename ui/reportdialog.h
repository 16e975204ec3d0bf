#pragma once

#include "core/protocol.h"

#include <QDialog>
#include <QHash>
#include <QStringList>

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
    // This preview replaces one the user saw (shown) that could not be sent: says why, tints the new and changed
    // lines and names the people no longer in it (their names from removedNames, by person id).
    void markChanges(const proto::ReportSnapshot &shown, const QString &reason, const QHash<qint64, QString> &names);
    bool hasChanges() const { return m_changed; }
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
    void updateChangesText();

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
    QLabel *m_changesLabel;
    QString m_changesReason;
    QStringList m_removedNames;
    int m_added = 0;
    int m_modified = 0;
    bool m_changed = false;
    QLabel *m_savedLabel;
    QTableView *m_view;
    QPushButton *m_exportPdf;
    QPushButton *m_exportCsv;
    QPushButton *m_send = nullptr;
    QPushButton *m_close;
    QString m_savedPath;
};

} // namespace sg::ui
