#pragma once

#include <QDateTime>
#include <QDialog>

class QLabel;

namespace sg::ui {

// «Поддержка» (Help menu, F1): the programme's support phones, which never break across lines, the e-mail as a
// link that opens the mail program, and whether the desk is open now (Moscow time).
class SupportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SupportDialog(const QDateTime &nowUtc, QWidget *parent = nullptr);

    // A phone number that stays on one line: non-breaking spaces and hyphens.
    static QString unbreakable(const QString &phone);

private:
    QLabel *m_text;
};

} // namespace sg::ui
