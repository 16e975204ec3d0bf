#pragma once

#include "core/directorprotocol.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QPushButton;
class QTextBrowser;
QT_END_NAMESPACE

namespace sg::ui {

// The consent to personal-data processing, shown in full. «Согласен» is enabled only after the box
// «Я прочитал(а) текст согласия» is ticked; on accept, version() is the version the school agreed to.
class ConsentDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConsentDialog(const proto::ConsentText &text, QWidget *parent = nullptr);

    // The version of the text shown (what the consent is recorded for).
    QString version() const { return m_text.version; }
    bool isConfirmedRead() const;
    void retranslate();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateButtons();

    proto::ConsentText m_text;
    QLabel *m_intro;
    QTextBrowser *m_browser;
    QLabel *m_versionLabel;
    QCheckBox *m_readBox;
    QPushButton *m_accept;
    QPushButton *m_cancel;
};

} // namespace sg::ui
