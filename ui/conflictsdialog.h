#pragma once

#include "client/schoolsession.h"

#include <QDialog>
#include <QList>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace sg::ui {

// Decisions that met a change by someone else while they waited on this computer, and those the server refused.
// Per row: the person, the user's decision, what the person is on the server now and was before the other change,
// who made that change and when, and its reason. All text is the client's own, written from the problem code and
// the answer's fields (never the server's sentence). The choice acts on the selected rows (one or several):
// «Оставить как есть» drops the user's decision, «Применить моё решение» sends it again on the current state (a
// refused one can only be dropped). Sized for a 1024×600 screen; every part is reachable by keyboard and named
// for screen readers.
class ConflictsDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { PersonColumn, DecisionColumn, NowColumn, BeforeColumn, ChangedByColumn, ReasonColumn, ColumnCount };

    explicit ConflictsDialog(client::SchoolSession *session, QWidget *parent = nullptr);

    void reload();

    // The texts of one row, in the current language.
    static QString decisionText(const client::DecisionConflict &c);
    static QString changedByText(const client::DecisionConflict &c);
    static QString reasonText(const client::DecisionConflict &c);
    // What happened to the decision, in whole sentences (the details under the table, and each row's
    // accessible description).
    static QString explanation(const client::DecisionConflict &c);

private:
    void resolveSelected(bool applyMine);
    void selectionChanged();
    QList<int> selectedRows() const;
    static QString roleText(Role role);
    static QString whenText(const QDateTime &utc);

    client::SchoolSession *m_session;
    QList<client::DecisionConflict> m_conflicts; // in table order
    QLabel *m_intro;
    QTableWidget *m_table;
    QLabel *m_details;
    QLabel *m_selection;
    QPushButton *m_selectAll;
    QPushButton *m_keepServer;
    QPushButton *m_applyMine;
};

} // namespace sg::ui
