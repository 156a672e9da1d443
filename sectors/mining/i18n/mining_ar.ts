<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
    <context>
        <name>mining</name>
        <message>
            <location filename="../ui.py" />
            <source>Mining parameters in force at this site</source>
            <translation>معاملات التعدين المعمول بها في هذا الموقع</translation>
        </message>
        <message>
            <source>Parameter</source>
            <translation>المعامل</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>القيمة</translation>
        </message>
        <message>
            <source>Strength</source>
            <translation>درجة الإلزام</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>المصدر</translation>
        </message>
        <message>
            <source>Regulation</source>
            <translation>لائحة تنظيمية</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>معيار</translation>
        </message>
        <message>
            <source>Industry guidance</source>
            <translation>إرشاد صناعي</translation>
        </message>
        <message>
            <source>Doctrine</source>
            <translation>عقيدة عسكرية</translation>
        </message>
        <message>
            <source>Site rule (example)</source>
            <translation>قاعدة موقع (مثال)</translation>
        </message>
        <message>
        <source>Mining parameters in force</source>
        <translation>معاملات التعدين المعمول بها</translation>
    </message>
</context>
</TS>
