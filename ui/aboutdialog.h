#pragma once

#include <QDialog>

namespace sg::ui {

// «О программе»: the version, the libraries inside with their versions and licences, the support desk.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
    // The same text as shown, for --version style listings and tests.
    static QString componentsText();
};

} // namespace sg::ui
