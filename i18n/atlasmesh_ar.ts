<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../app/ui/window_actions.py" line="27"/>
        <source>EMERGENCY STOP ALL</source>
        <translation>إيقاف طارئ للجميع</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="29"/>
        <source>Emergency stop of every vehicle on the site (asks to confirm)</source>
        <translation>إيقاف طارئ لكل مركبات الموقع (يُطلب التأكيد)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="36"/>
        <source>Stop selected vehicle</source>
        <translation>إيقاف المركبة المحددة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="38"/>
        <source>Emergency stop of the selected vehicle (asks to confirm)</source>
        <translation>إيقاف طارئ للمركبة المحددة (يُطلب التأكيد)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="45"/>
        <source>Resume selected vehicle</source>
        <translation>استئناف المركبة المحددة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="47"/>
        <source>Release the stop of the selected vehicle (asks to confirm)</source>
        <translation>رفع الإيقاف عن المركبة المحددة (يُطلب التأكيد)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="54"/>
        <source>Resume all vehicles</source>
        <translation>استئناف جميع المركبات</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="56"/>
        <source>Release the stop of every vehicle (asks to confirm)</source>
        <translation>رفع الإيقاف عن جميع المركبات (يُطلب التأكيد)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="61"/>
        <source>Command palette…</source>
        <translation>لوحة الأوامر…</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="63"/>
        <source>Find and run any command from the keyboard</source>
        <translation>ابحث عن أي أمر ونفّذه من لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="68"/>
        <source>Fit site on map</source>
        <translation>عرض الموقع كاملًا</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="74"/>
        <source>Centre map on selected vehicle</source>
        <translation>توسيط الخريطة على المركبة المحددة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="80"/>
        <source>Follow selected vehicle</source>
        <translation>تتبّع المركبة المحددة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="87"/>
        <source>Acknowledge all alerts</source>
        <translation>إقرار جميع التنبيهات</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="93"/>
        <source>Mute alert sound</source>
        <translation>كتم صوت التنبيهات</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="98"/>
        <source>Reset panel layout</source>
        <translation>استعادة ترتيب اللوحات الافتراضي</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="102"/>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="103"/>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="114"/>
        <source>Switch language English / Arabic</source>
        <translation>English / العربية</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="120"/>
        <source>Arabic-Indic digits</source>
        <translation>الأرقام العربية المشرقية (٠١٢٣)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="128"/>
        <source>Dark theme</source>
        <translation>المظهر الداكن</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="129"/>
        <source>Light theme</source>
        <translation>المظهر الفاتح</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="130"/>
        <source>High-contrast theme</source>
        <translation>مظهر عالي التباين</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="142"/>
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="148"/>
        <source>Smaller text</source>
        <translation>تصغير النص</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="154"/>
        <source>Default text size</source>
        <translation>حجم النص الافتراضي</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="160"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="174"/>
        <source>Pin vehicle to task</source>
        <translation>تثبيت المركبة على المهمة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="176"/>
        <source>Give the task selected on the board to the selected vehicle (recorded)</source>
        <translation>إسناد المهمة المحددة في اللوحة إلى المركبة المحددة (يُسجَّل)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="183"/>
        <source>Hold vehicle</source>
        <translation>تعليق المركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="185"/>
        <source>Take the selected vehicle out of dispatch; its task is queued again</source>
        <translation>إخراج المركبة المحددة من الإرسال؛ وتعود مهمتها إلى قائمة الانتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="192"/>
        <source>Release vehicle</source>
        <translation>إعادة المركبة إلى الإرسال</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="194"/>
        <source>Return the selected held vehicle to dispatch</source>
        <translation>إعادة المركبة المعلّقة المحددة إلى الإرسال</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="199"/>
        <source>Cancel task</source>
        <translation>إلغاء المهمة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="201"/>
        <source>Cancel the task selected on the board (asks to confirm)</source>
        <translation>إلغاء المهمة المحددة في اللوحة (يطلب التأكيد)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="206"/>
        <source>Choose route…</source>
        <translation>اختيار المسار…</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="208"/>
        <source>Compare the routes to a destination for the selected vehicle and send one</source>
        <translation>مقارنة المسارات إلى وجهة للمركبة المحددة وإرسال أحدها</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="108"/>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="109"/>
        <source>Severity</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="110"/>
        <source>Vehicle</source>
        <translation>المركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="111"/>
        <source>Message</source>
        <translation>الرسالة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="112"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="131"/>
        <source>✓ Acknowledged</source>
        <translation>✓ تم الإقرار</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="132"/>
        <source>New</source>
        <translation>جديد</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="29"/>
        <source>Info</source>
        <translation>معلومة</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="30"/>
        <source>Warning</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="31"/>
        <source>Critical</source>
        <translation>حرج</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="42"/>
        <source>Vehicle %1 reports a fault</source>
        <translation>المركبة %1 تبلّغ عن عطل</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="45"/>
        <source>Vehicle %1 is in a safe stop</source>
        <translation>المركبة %1 في وضع التوقف الآمن</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="48"/>
        <source>Vehicle %1 needs operator assistance</source>
        <translation>المركبة %1 تحتاج إلى مساعدة المشغّل</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="51"/>
        <source>No telemetry from vehicle %1</source>
        <translation>لا ترد بيانات قياس من المركبة %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="53"/>
        <source>Edge node %1 connected</source>
        <translation>العقدة الطرفية %1 متصلة</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="56"/>
        <source>Edge node %1 disconnected: %2</source>
        <translation>انقطع الاتصال بالعقدة الطرفية %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="61"/>
        <source>Link to edge node %1 degraded</source>
        <translation>تدهورت الوصلة مع العقدة الطرفية %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="64"/>
        <source>Refused a frame from %1: %2</source>
        <translation>رُفض إطار وارد من %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="70"/>
        <source>Edge node %1 refused a frame: %2</source>
        <translation>رفضت العقدة الطرفية %1 إطارًا: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="76"/>
        <source>Command executed for %1</source>
        <translation>نُفّذ الأمر على %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="81"/>
        <source>Command refused for %1: %2</source>
        <translation>رُفض الأمر على %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="87"/>
        <source>Emergency stop sent to %1 by %2</source>
        <translation>أُرسل الإيقاف الطارئ إلى %1 بواسطة %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="93"/>
        <source>Critical assist request from vehicle %1</source>
        <translation>طلب مساعدة حرج من المركبة %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="97"/>
        <source>Emergency stop NOT delivered: %1. Use the radio stop now.</source>
        <translation>لم يصل الإيقاف الطارئ: %1. استخدم الإيقاف اللاسلكي فورًا.</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="104"/>
        <source>Emergency stop not yet acknowledged by %1 (attempt %2): %3. Re-sending until it is; use the radio stop now.</source>
        <translation>لم تؤكّد العقدة %1 استلام الإيقاف الطارئ بعد (المحاولة %2): %3. يُعاد الإرسال حتى يصل التأكيد؛ استخدم الإيقاف اللاسلكي فورًا.</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="115"/>
        <source>The site&apos;s revocation list needs attention: %1</source>
        <translation>قائمة الإلغاء في الموقع تحتاج إلى معالجة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="121"/>
        <source>The site&apos;s revocation list is current</source>
        <translation>قائمة الإلغاء في الموقع سارية</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="124"/>
        <source>Resume sent to %1 by %2</source>
        <translation>أُرسل أمر الاستئناف إلى %1 بواسطة %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="130"/>
        <source>Resume not delivered: %1</source>
        <translation>لم يصل أمر الاستئناف: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="134"/>
        <source>Sector pack panel %1 could not open: %2. The rest of the console runs.</source>
        <translation>تعذّر فتح لوحة الحزمة القطاعية %1: %2. تستمر بقية وحدة التحكم في العمل.</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="143"/>
        <source>Edge node endpoint %1 added</source>
        <translation>أُضيف عنوان العقدة الطرفية %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="147"/>
        <source>Edge node endpoint %1 disconnected</source>
        <translation>فُصل عنوان العقدة الطرفية %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="151"/>
        <source>Event %1</source>
        <translation>حدث %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="157"/>
        <source>all vehicles</source>
        <translation>جميع المركبات</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="157"/>
        <source>All severities</source>
        <translation>كل درجات الخطورة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="157"/>
        <source>Warnings and critical</source>
        <translation>التحذيرات والحرجة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="157"/>
        <source>Critical only</source>
        <translation>الحرجة فقط</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="162"/>
        <source>Any time</source>
        <translation>أي وقت</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="163"/>
        <source>Last 15 minutes</source>
        <translation>آخر 15 دقيقة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="164"/>
        <source>Last hour</source>
        <translation>آخر ساعة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="165"/>
        <source>Last 8 hours</source>
        <translation>آخر 8 ساعات</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="168"/>
        <source>Show alerts of this severity or higher</source>
        <translation>عرض التنبيهات بهذه الدرجة من الخطورة أو أعلى</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="169"/>
        <source>Show alerts from this period</source>
        <translation>عرض التنبيهات خلال هذه المدة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="170"/>
        <source>Filter by vehicle…</source>
        <translation>تصفية حسب المركبة…</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="171"/>
        <source>Show only alerts whose vehicle id contains this text</source>
        <translation>عرض التنبيهات التي يتضمن معرّف مركبتها هذا النص فقط</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="172"/>
        <source>Show acknowledged</source>
        <translation>عرض التنبيهات المُقرّة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="173"/>
        <source>Acknowledge</source>
        <translation>إقرار</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="174"/>
        <source>Acknowledge the selected alerts</source>
        <translation>إقرار التنبيهات المحددة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="175"/>
        <source>Acknowledge all</source>
        <translation>إقرار الكل</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="176"/>
        <source>Acknowledge every alert in the log</source>
        <translation>إقرار كل التنبيهات في السجل</translation>
    </message>
</context>
<context>
    <name>AssistDetailPane</name>
    <message>
        <location filename="../app/ui/assist/detail.py" line="138"/>
        <source>No request selected. Press N for the next open request.</source>
        <translation>لم يُحدَّد أي طلب. اضغط N للانتقال إلى الطلب المفتوح التالي.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="147"/>
        <source>nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="147"/>
        <source>supervisors</source>
        <translation>المشرفون</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="149"/>
        <source>me</source>
        <translation>أنا</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="154"/>
        <source>Claimed by %1</source>
        <translation>استلمه %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="157"/>
        <source>Answered by %1: %2</source>
        <translation>أجاب %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="119"/>
        <source>Expired: the edge applied %1</source>
        <translation>انتهت المهلة: طبّقت العقدة الطرفية %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="121"/>
        <source>Expired: %1 was due; the vehicle was already stopped</source>
        <translation>انتهت المهلة: كان الإجراء المقرر %1؛ وكانت المركبة متوقفة أصلًا</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="125"/>
        <source>Expired: %1 was NOT applied by the vehicle: %2</source>
        <translation>انتهت المهلة: لم تطبّق المركبة %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="129"/>
        <source>Expired: %1 was due (this edge node does not report what the vehicle did)</source>
        <translation>انتهت المهلة: كان الإجراء المقرر %1 (هذه العقدة الطرفية لا تبلّغ بما فعلته المركبة)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="165"/>
        <source>Vehicle %1</source>
        <translation>المركبة %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="172"/>
        <source>The link to edge node %1 is down: no claim or answer can reach it, and the edge applies the fallback at the deadline.</source>
        <translation>الاتصال بالعقدة الطرفية %1 مقطوع: لن يصلها أي استلام أو رد، وستطبّق العقدة الإجراء الاحتياطي عند انتهاء المهلة.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="184"/>
        <source>Why:</source>
        <translation>السبب:</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="188"/>
        <source>Proposed: %1</source>
        <translation>المقترح: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="190"/>
        <source>speed %1 km/h</source>
        <translation>السرعة %1 كم/س</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="192"/>
        <source>load %1 t</source>
        <translation>الحمولة %1 طن</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="194"/>
        <source>perception %1 %</source>
        <translation>الإدراك %1 ٪</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="198"/>
        <source>Position: %1 m east, %2 m north · zone or place: %3</source>
        <translation>الموقع: %1 م شرقاً، %2 م شمالاً · المنطقة أو المكان: %3</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="205"/>
        <source>Meanwhile the vehicle %1; with no answer by the deadline the edge applies: %2.</source>
        <translation>في الأثناء المركبة %1؛ وإن لم يصل رد قبل انتهاء المهلة تطبّق العقدة الطرفية: %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="210"/>
        <source>Deadline %1 (%2)</source>
        <translation>المهلة %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="212"/>
        <source>owner: %1</source>
        <translation>المسؤول: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="215"/>
        <source>(lease %1 s)</source>
        <translation>(الحجز %1 ث)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="222"/>
        <source>%1 open requests are alike (same place, same reason): one answer can resolve them all.</source>
        <translation>%1 طلبات مفتوحة متشابهة (المكان نفسه والسبب نفسه): رد واحد يحسمها جميعاً.</translation>
    </message>
</context>
<context>
    <name>AssistQueueTableModel</name>
    <message>
        <location filename="../app/ui/assist/model.py" line="142"/>
        <source>Criticality</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="143"/>
        <source>Vehicle</source>
        <translation>المركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="144"/>
        <source>Deadline</source>
        <translation>المهلة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="145"/>
        <source>Link</source>
        <translation>الاتصال</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="146"/>
        <source>Similar</source>
        <translation>متشابهة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="147"/>
        <source>Owner</source>
        <translation>المسؤول</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="177"/>
        <source>The link to this request&apos;s edge node is down: no claim or answer can reach it until it returns (the edge applies the fallback at the deadline).</source>
        <translation>الاتصال بالعقدة الطرفية لهذا الطلب مقطوع: لن يصلها أي استلام أو رد حتى يعود (وتطبّق العقدة الإجراء الاحتياطي عند انتهاء المهلة).</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="193"/>
        <source>supervisors</source>
        <translation>المشرفون</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="196"/>
        <source>me</source>
        <translation>أنا</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="203"/>
        <source>down</source>
        <translation>مقطوع</translation>
    </message>
</context>
<context>
    <name>AssistRules</name>
    <message>
        <location filename="../app/ui/assist/texts.py" line="35"/>
        <source>An emergency stop is latched: stop safely now.</source>
        <translation>إيقاف الطوارئ مُفعَّل: توقف بأمان الآن.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="38"/>
        <source>No automatic resume after an emergency stop or a link outage: moving again needs an explicit release.</source>
        <translation>لا استئناف تلقائي بعد إيقاف طوارئ أو انقطاع الاتصال: الحركة من جديد تتطلب إذناً صريحاً.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="43"/>
        <source>The point is inside an active no-entry zone: the action is not allowed.</source>
        <translation>النقطة داخل منطقة محظور دخولها وسارية: الإجراء غير مسموح.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="46"/>
        <source>The console link is degraded or offline: no new mission may start.</source>
        <translation>اتصال غرفة التحكم ضعيف أو مقطوع: لا يجوز بدء مهمة جديدة.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="49"/>
        <source>Perception confidence is low: ask an operator and hold meanwhile.</source>
        <translation>ثقة الإدراك منخفضة: يُطلب رأي المشغّل مع الانتظار في الأثناء.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="52"/>
        <source>The point is inside a zone that needs permission (e.g. a loader&apos;s exclusion zone): ask an operator and hold meanwhile.</source>
        <translation>النقطة داخل منطقة تتطلب إذناً (مثل منطقة الحظر حول آلة التحميل): يُطلب إذن المشغّل مع الانتظار في الأثناء.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="57"/>
        <source>The console link is degraded or offline: lower speed, wider buffer.</source>
        <translation>اتصال غرفة التحكم ضعيف أو مقطوع: سرعة أقل ومسافة أمان أوسع.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="60"/>
        <source>Inside a speed-limit zone: the lowest limit of the zones here applies.</source>
        <translation>داخل منطقة تحديد سرعة: يُطبّق أدنى حد بين المناطق هنا.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="63"/>
        <source>The requested speed is above the limit here: capped to the limit.</source>
        <translation>السرعة المطلوبة أعلى من الحد هنا: خُفّضت إلى الحد.</translation>
    </message>
</context>
<context>
    <name>AssistTelemetryPlot</name>
    <message>
        <location filename="../app/ui/assist/plot.py" line="123"/>
        <source>speed km/h (solid)</source>
        <translation>السرعة كم/س (خط متصل)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/plot.py" line="124"/>
        <source>perception % (dashed)</source>
        <translation>الإدراك ٪ (خط متقطع)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/plot.py" line="125"/>
        <source>seconds</source>
        <translation>ثوانٍ</translation>
    </message>
</context>
<context>
    <name>AssistTexts</name>
    <message>
        <location filename="../app/ui/assist/texts.py" line="93"/>
        <source>Critical</source>
        <translation>حرج</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="94"/>
        <source>High</source>
        <translation>مرتفع</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="95"/>
        <source>Medium</source>
        <translation>متوسط</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="96"/>
        <source>Low</source>
        <translation>منخفض</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="113"/>
        <source>overdue</source>
        <translation>متأخر</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="130"/>
        <source>Open</source>
        <translation>مفتوح</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="131"/>
        <source>Claimed</source>
        <translation>مُستلَم</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="132"/>
        <source>Answered</source>
        <translation>تم الرد</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="133"/>
        <source>Expired: no answer in time</source>
        <translation>انتهت المهلة: لم يصل رد في الوقت</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="134"/>
        <source>Cleared by itself</source>
        <translation>زال السبب من تلقاء نفسه</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="135"/>
        <source>Withdrawn</source>
        <translation>مسحوب</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="143"/>
        <source>Confirm</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="144"/>
        <source>Deny</source>
        <translation>رفض</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="145"/>
        <source>Hold</source>
        <translation>انتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="146"/>
        <source>Safe stop</source>
        <translation>توقف آمن</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="147"/>
        <source>Reroute</source>
        <translation>تغيير المسار</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="148"/>
        <source>Override</source>
        <translation>تجاوز</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="149"/>
        <source>Close zone</source>
        <translation>إغلاق المنطقة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="150"/>
        <source>Open zone</source>
        <translation>فتح المنطقة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="158"/>
        <source>holds in place</source>
        <translation>تنتظر في مكانها</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="159"/>
        <source>slows down</source>
        <translation>تخفّف سرعتها</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="160"/>
        <source>stops safely</source>
        <translation>تتوقف بأمان</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="168"/>
        <source>hold and wait for a task</source>
        <translation>الانتظار حتى مهمة جديدة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="169"/>
        <source>safe stop (latched)</source>
        <translation>توقف آمن (مُقفَل)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="177"/>
        <source>start a task</source>
        <translation>بدء مهمة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="178"/>
        <source>proceed</source>
        <translation>المتابعة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="179"/>
        <source>resume</source>
        <translation>الاستئناف</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="180"/>
        <source>enter the zone</source>
        <translation>دخول المنطقة</translation>
    </message>
</context>
<context>
    <name>AssistWorkspace</name>
    <message>
        <location filename="../app/ui/assist/answers.py" line="128"/>
        <source>%1: sent, waiting for the edge…</source>
        <translation>%1: أُرسل، بانتظار العقدة الطرفية…</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="138"/>
        <source>%1 did not reach the edge: %2</source>
        <translation>%1 لم يصل إلى العقدة الطرفية: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="151"/>
        <source>%1: done</source>
        <translation>%1: تم</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="158"/>
        <source>%1 refused: %2 owns this request</source>
        <translation>رُفض %1: الطلب مع %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="166"/>
        <source>%1 refused by the edge: %2</source>
        <translation>رفضت العقدة الطرفية %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="188"/>
        <location filename="../app/ui/assist/commands.py" line="66"/>
        <source>Claim</source>
        <translation>استلام</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="231"/>
        <source>Route %1</source>
        <translation>المسار %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="245"/>
        <location filename="../app/ui/assist/commands.py" line="137"/>
        <source>Release</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="257"/>
        <location filename="../app/ui/assist/commands.py" line="143"/>
        <source>Transfer</source>
        <translation>تحويل</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="48"/>
        <source>Next</source>
        <translation>التالي</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="49"/>
        <source>Select the next open request nobody owns</source>
        <translation>تحديد الطلب المفتوح التالي الذي لم يستلمه أحد</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="54"/>
        <source>Down</source>
        <translation>للأسفل</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="55"/>
        <source>Select the request below in the queue</source>
        <translation>تحديد الطلب الذي يليه في القائمة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="60"/>
        <source>Up</source>
        <translation>للأعلى</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="61"/>
        <source>Select the request above in the queue</source>
        <translation>تحديد الطلب الذي يسبقه في القائمة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="67"/>
        <source>Take the selected request (the edge node decides who owns it)</source>
        <translation>استلام الطلب المحدد (العقدة الطرفية تقرر لمن يكون)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="74"/>
        <source>Confirm</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="75"/>
        <source>Confirm the proposed action; the vehicle asks its governor again</source>
        <translation>تأكيد الإجراء المقترح؛ تعيد المركبة سؤال نظام الضبط</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="84"/>
        <source>Deny</source>
        <translation>رفض</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="85"/>
        <source>Deny the proposed action; the vehicle stops and waits for a task</source>
        <translation>رفض الإجراء المقترح؛ تتوقف المركبة وتنتظر مهمة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="92"/>
        <source>Hold</source>
        <translation>انتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="93"/>
        <source>Keep the vehicle holding until a new task</source>
        <translation>إبقاء المركبة منتظرة حتى مهمة جديدة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="98"/>
        <source>Safe stop</source>
        <translation>توقف آمن</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="99"/>
        <source>Stop the vehicle safely (latched)</source>
        <translation>إيقاف المركبة بأمان (مُقفَل)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="105"/>
        <source>Choose route</source>
        <translation>اختيار مسار</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="106"/>
        <source>Choose one of the dispatcher&apos;s routes for the vehicle; its edge node re-checks it</source>
        <translation>إرسال المركبة في أحد المسارات التي يقترحها نظام التوزيع؛ وتعيد عقدتها الطرفية التحقق منه</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="114"/>
        <source>Override</source>
        <translation>تجاوز</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="115"/>
        <source>Waive the rules that escalated for the minutes set, within your role&apos;s limits</source>
        <translation>تعليق القواعد التي استدعت الطلب للدقائق المحددة، ضمن حدود دورك</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="123"/>
        <source>Close zone</source>
        <translation>إغلاق المنطقة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="124"/>
        <source>Close the request&apos;s zone to every vehicle (the vehicle holds)</source>
        <translation>إغلاق منطقة الطلب أمام كل المركبات (تنتظر المركبة)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="131"/>
        <source>Open zone</source>
        <translation>فتح المنطقة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="132"/>
        <source>Reopen a zone an operator closed (supervisors only)</source>
        <translation>إعادة فتح منطقة أغلقها مشغّل (للمشرفين فقط)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="138"/>
        <source>Give the request back to the queue</source>
        <translation>إعادة الطلب إلى القائمة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="144"/>
        <source>Hand the request to the operator named beside, or to the supervisors if none</source>
        <translation>تسليم الطلب إلى المشغّل المذكور بجانبه، أو إلى المشرفين إن لم يُذكر أحد</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="438"/>
        <source>New critical request: vehicle %1. Press N to select it.</source>
        <translation>طلب حرج جديد: المركبة %1. اضغط N لتحديده.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="460"/>
        <source>Open %1 (unclaimed %2, critical %3) · oldest %4 s · answered %5/h · expired %6/h</source>
        <translation>مفتوحة %1 (غير مستلمة %2، حرجة %3) · الأقدم %4 ث · تم الرد %5/س · منتهية %6/س</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="471"/>
        <source>%1 on a link that is down</source>
        <translation>%1 على اتصال مقطوع</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="510"/>
        <source>Answer all alike</source>
        <translation>الرد على كل المتشابهة</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="512"/>
        <source>One answer resolves every open request at the same place for the same reason</source>
        <translation>رد واحد يحسم كل الطلبات المفتوحة في المكان نفسه وللسبب نفسه</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="514"/>
        <source>Override minutes</source>
        <translation>دقائق التجاوز</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="515"/>
        <source>How long an override lasts (your role&apos;s limit)</source>
        <translation>مدة التجاوز (ضمن حد دورك)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="516"/>
        <source>Transfer to (empty: supervisors)</source>
        <translation>تحويل إلى (فارغ: المشرفون)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/routes.py" line="144"/>
        <source>Claim the request first: only its owner may answer.</source>
        <translation>استلم الطلب أولًا: لا يجيب عنه إلا مالكه.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/routes.py" line="157"/>
        <source>This route has %1 road nodes; an answer carries at most %2.</source>
        <translation>في هذا المسار %1 عقدة طريق؛ ولا تحمل الإجابة أكثر من %2.</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../app/ui/palette.py" line="122"/>
        <source>Type a command…</source>
        <translation>اكتب أمرًا…</translation>
    </message>
    <message>
        <location filename="../app/ui/palette.py" line="123"/>
        <source>Enter runs the highlighted command; Escape closes</source>
        <translation>مفتاح الإدخال ينفّذ الأمر المظلّل، ومفتاح الخروج يغلق اللوحة</translation>
    </message>
</context>
<context>
    <name>ConfirmBar</name>
    <message>
        <location filename="../app/ui/banners.py" line="221"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="222"/>
        <source>Do not send the command</source>
        <translation>عدم إرسال الأمر</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <location filename="../app/ui/status_bar.py" line="111"/>
        <source>Site: %1</source>
        <translation>الموقع: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="114"/>
        <source>Site id %1</source>
        <translation>معرّف الموقع %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="119"/>
        <source>Operator: %1</source>
        <translation>المشغّل: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="122"/>
        <source>Commands from this console carry this name</source>
        <translation>تحمل الأوامر الصادرة من وحدة التحكم هذه هذا الاسم</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="125"/>
        <source>⚠ No operator signed in</source>
        <translation>⚠ لا يوجد مشغّل مسجَّل الدخول</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="127"/>
        <source>Commands are refused until an operator signs in (Operator panel)</source>
        <translation>تُرفض الأوامر إلى أن يسجّل مشغّل دخوله (لوحة المشغّل)</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="131"/>
        <source>Links: —</source>
        <translation>الوصلات: —</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="132"/>
        <source>Vehicles: —</source>
        <translation>المركبات: —</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="135"/>
        <source>Links: %1 up, %2 down</source>
        <translation>الوصلات: %1 متصلة، %2 منقطعة</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="140"/>
        <source>Vehicles: %1 (%2 stale)</source>
        <translation>المركبات: %1 (%2 بلا تحديث)</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="144"/>
        <source>Edge nodes connected and not connected</source>
        <translation>العقد الطرفية المتصلة وغير المتصلة</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="146"/>
        <source>Policy: unknown</source>
        <translation>السياسة: غير معروفة</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="148"/>
        <source>Policy: %1</source>
        <translation>السياسة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="149"/>
        <source>The policy bundle the edge nodes enforce</source>
        <translation>حزمة السياسة التي تطبّقها العقد الطرفية</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="150"/>
        <source>Sound off</source>
        <translation>الصوت مكتوم</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="150"/>
        <source>Sound on</source>
        <translation>الصوت مفعّل</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="151"/>
        <source>Sound for new critical alerts</source>
        <translation>صوت التنبيهات الحرجة الجديدة</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="160"/>
        <source>⚠ INSECURE: %1 links without authentication (development)</source>
        <translation>⚠ غير آمن: %1 وصلات بلا مصادقة (وضع التطوير)</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="166"/>
        <source>Plain %1 links: anyone on the network can read and command. Never use this mode on a real site.</source>
        <translation>وصلات %1 غير مشفّرة: يستطيع أي شخص على الشبكة القراءة وإصدار الأوامر. لا تستخدم هذا الوضع في موقع فعلي أبدًا.</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="173"/>
        <source>Links: mutual TLS</source>
        <translation>الوصلات: TLS متبادل</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="175"/>
        <source>Every edge link is encrypted and both ends proved their certificates</source>
        <translation>كل وصلة مع العقد الطرفية مشفّرة، وقد أثبت الطرفان شهادتيهما</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../app/ui/window_actions.py" line="224"/>
        <source>&amp;Operations</source>
        <translation>&amp;العمليات</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="236"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="242"/>
        <source>&amp;Map</source>
        <translation>ال&amp;خريطة</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="249"/>
        <source>&amp;Settings</source>
        <translation>الإ&amp;عدادات</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="380"/>
        <source>Select a vehicle first (map or fleet table).</source>
        <translation>حدّد مركبة أولًا (من الخريطة أو جدول الأسطول).</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="387"/>
        <source>Emergency stop ALL %1 vehicles on the site?</source>
        <translation>إيقاف طارئ لجميع مركبات الموقع وعددها %1؟</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="390"/>
        <source>STOP ALL</source>
        <translation>أوقف الجميع</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="400"/>
        <source>Emergency stop vehicle %1?</source>
        <translation>إيقاف طارئ للمركبة %1؟</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="401"/>
        <source>STOP</source>
        <translation>أوقف</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="411"/>
        <source>Resume vehicle %1? Check the area is clear.</source>
        <translation>استئناف المركبة %1؟ تأكّد من خلوّ المنطقة.</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="412"/>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="421"/>
        <source>Resume ALL vehicles? Check the site is clear.</source>
        <translation>استئناف جميع المركبات؟ تأكّد من خلوّ الموقع.</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="422"/>
        <source>Resume all</source>
        <translation>استئناف الكل</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="632"/>
        <source>AtlasMesh Control Center</source>
        <translation>مركز تحكم أطلس ميش</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="640"/>
        <source>Layer: %1</source>
        <translation>الطبقة: %1</translation>
    </message>
</context>
<context>
    <name>CriticalBanner</name>
    <message>
        <location filename="../app/ui/banners.py" line="120"/>
        <source>CRITICAL</source>
        <translation>حرج</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="122"/>
        <source>(+%1 more)</source>
        <translation>(+%1 غير مُقرّة)</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="135"/>
        <source>Acknowledge</source>
        <translation>إقرار</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="136"/>
        <source>Acknowledge every critical alert</source>
        <translation>إقرار كل التنبيهات الحرجة</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="137"/>
        <source>Show alerts</source>
        <translation>عرض التنبيهات</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="138"/>
        <source>Open the Alerts &amp; events panel</source>
        <translation>فتح لوحة التنبيهات والأحداث</translation>
    </message>
</context>
<context>
    <name>Dispatch</name>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="38"/>
        <source>Queued</source>
        <comment>task state</comment>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="39"/>
        <source>Assigned</source>
        <comment>task state</comment>
        <translation>مُسندة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="40"/>
        <source>Running</source>
        <comment>task state</comment>
        <translation>قيد التنفيذ</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="41"/>
        <source>Done</source>
        <comment>task state</comment>
        <translation>منجزة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="42"/>
        <source>Failed</source>
        <comment>task state</comment>
        <translation>فاشلة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="49"/>
        <source>Available</source>
        <comment>vehicle dispatch status</comment>
        <translation>متاحة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="50"/>
        <source>Busy</source>
        <comment>vehicle dispatch status</comment>
        <translation>مشغولة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="51"/>
        <source>Held</source>
        <comment>vehicle dispatch status</comment>
        <translation>معلّقة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="52"/>
        <source>Fault</source>
        <comment>vehicle dispatch status</comment>
        <translation>معطّلة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="53"/>
        <source>Offline</source>
        <comment>vehicle dispatch status</comment>
        <translation>غير متصلة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="77"/>
        <source>Operator override: pinned to %1</source>
        <translation>تجاوز المشغّل: ثُبّتت على %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="81"/>
        <source>Operator override: vehicle held</source>
        <translation>تجاوز المشغّل: عُلّقت المركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="83"/>
        <source>Operator override: vehicle released</source>
        <translation>تجاوز المشغّل: أُعيدت المركبة إلى الإرسال</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="84"/>
        <source>Operator override</source>
        <translation>تجاوز المشغّل</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="88"/>
        <source>Assigned by the optimiser (cost %1 s)</source>
        <translation>أسندها المُحسِّن (الكلفة %1 ث)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="92"/>
        <source>Assigned: pinned by an operator</source>
        <translation>أُسندت: ثبّتها مشغّل</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="93"/>
        <source>Assigned</source>
        <translation>أُسندت</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="98"/>
        <source>Refused by %1 (%2)</source>
        <translation>رفضتها %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="103"/>
        <source>No route after a road or zone closure</source>
        <translation>لا يوجد مسار بعد إغلاق طريق أو منطقة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="105"/>
        <source>Started by the vehicle</source>
        <translation>بدأتها المركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="106"/>
        <source>Completed</source>
        <translation>اكتملت</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="111"/>
        <source>Cancelled: %1</source>
        <translation>أُلغيت: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="112"/>
        <source>Vehicle fault: %1</source>
        <translation>عطل في المركبة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="113"/>
        <source>Vehicle offline: %1</source>
        <translation>المركبة غير متصلة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="114"/>
        <source>Route lost: %1</source>
        <translation>تعذّر المسار: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="115"/>
        <source>Could not be planned: %1</source>
        <translation>تعذّر تخطيطها: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="116"/>
        <source>Failed on the vehicle: %1</source>
        <translation>فشلت على المركبة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="117"/>
        <source>Rejected by the vehicle: %1</source>
        <translation>رفضتها المركبة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="127"/>
        <source>Dispatcher</source>
        <comment>who made a task change</comment>
        <translation>نظام الإرسال</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="134"/>
        <source>t/h</source>
        <comment>unit: tonnes per hour</comment>
        <translation>طن/ساعة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="135"/>
        <source>s</source>
        <comment>unit: seconds</comment>
        <translation>ث</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="136"/>
        <source>min</source>
        <comment>unit: minutes</comment>
        <translation>د</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="137"/>
        <source>h</source>
        <comment>unit: hours</comment>
        <translation>س</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="139"/>
        <source>m</source>
        <comment>unit: metres</comment>
        <translation>م</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="140"/>
        <source>km</source>
        <comment>unit: kilometres</comment>
        <translation>كم</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="141"/>
        <source>km/h</source>
        <comment>unit: kilometres per hour</comment>
        <translation>كم/س</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="142"/>
        <source>moves/h</source>
        <comment>unit: moves per hour</comment>
        <translation>حركة/ساعة</translation>
    </message>
</context>
<context>
    <name>DispatchConsole</name>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="184"/>
        <location filename="../app/ui/dispatch/console.py" line="399"/>
        <source>Select a vehicle first (map, fleet table or task board).</source>
        <translation>اختر مركبة أولاً (من الخريطة أو جدول الأسطول أو لوحة المهام).</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="191"/>
        <location filename="../app/ui/dispatch/console.py" line="295"/>
        <source>Select a task on the board first.</source>
        <translation>اختر مهمة في اللوحة أولاً.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="198"/>
        <location filename="../app/ui/dispatch/console.py" line="246"/>
        <source>Vehicle %1 is not dispatched on this site.</source>
        <translation>المركبة %1 ليست ضمن نظام الإرسال في هذا الموقع.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="207"/>
        <location filename="../app/ui/dispatch/console.py" line="302"/>
        <source>Task %1 is already %2.</source>
        <translation>المهمة %1 حالتها بالفعل: %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="214"/>
        <source>Task %1 needs %2; vehicle %3 is %4.</source>
        <translation>المهمة %1 تتطلب %2؛ والمركبة %3 من فئة %4.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="223"/>
        <source>Vehicle %1 is %2: it cannot take a task.</source>
        <translation>المركبة %1 حالتها: %2، ولا يمكنها تولّي مهمة.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="232"/>
        <source>Vehicle %1 pinned to task %2.</source>
        <translation>ثُبّتت المركبة %1 على المهمة %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="253"/>
        <source>Vehicle %1 is already held.</source>
        <translation>المركبة %1 معلّقة بالفعل.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="261"/>
        <source>Vehicle %1 held: out of dispatch until released.</source>
        <translation>عُلّقت المركبة %1: خارج الإرسال حتى إعادتها.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="275"/>
        <source>Vehicle %1 is not held.</source>
        <translation>المركبة %1 غير معلّقة.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="282"/>
        <source>Vehicle %1 released to dispatch.</source>
        <translation>أُعيدت المركبة %1 إلى الإرسال.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="309"/>
        <source>Cancel task %1? Its vehicle becomes free.</source>
        <translation>إلغاء المهمة %1؟ ستصبح مركبتها متاحة.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="312"/>
        <source>Cancel task</source>
        <translation>إلغاء المهمة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="315"/>
        <source>Task %1 cancelled.</source>
        <translation>أُلغيت المهمة %1.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="351"/>
        <source>Route not sent: %1</source>
        <translation>لم يُرسَل المسار: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="358"/>
        <source>Route %1 sent to vehicle %2.</source>
        <translation>أُرسل المسار %1 إلى المركبة %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="364"/>
        <source>Sending route %1…</source>
        <translation>جارٍ إرسال المسار %1…</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="377"/>
        <source>No dispatcher on this site.</source>
        <translation>لا يوجد نظام إرسال في هذا الموقع.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="382"/>
        <source>Sign in first: overrides are recorded with the operator&apos;s name.</source>
        <translation>سجّل الدخول أولاً: تُسجَّل التجاوزات باسم المشغّل.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="417"/>
        <source>Refused by the dispatcher: %1</source>
        <translation>رفضها نظام الإرسال: %1</translation>
    </message>
</context>
<context>
    <name>EdgeLinksModel</name>
    <message>
        <location filename="../app/ui/panels/links.py" line="132"/>
        <source>Edge node</source>
        <translation>العقدة الطرفية</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="133"/>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="134"/>
        <source>Round trip</source>
        <translation>زمن الذهاب والإياب</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="135"/>
        <source>Messages/s</source>
        <translation>رسائل/ث</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="136"/>
        <source>Vehicles</source>
        <translation>المركبات</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="137"/>
        <source>Reconnects</source>
        <translation>مرات إعادة الاتصال</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="138"/>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="139"/>
        <source>Last error</source>
        <translation>آخر خطأ</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="147"/>
        <source>Disconnected</source>
        <translation>مفصولة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="150"/>
        <source>Reconnecting</source>
        <translation>جارٍ إعادة الاتصال</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="152"/>
        <source>Connected</source>
        <translation>متصلة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="153"/>
        <source>Degraded</source>
        <translation>متدهورة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="154"/>
        <source>Offline</source>
        <translation>غير متصلة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="185"/>
        <source>%1 ms</source>
        <translation>%1 م.ث</translation>
    </message>
</context>
<context>
    <name>EdgeLinksPanel</name>
    <message>
        <location filename="../app/ui/panels/links.py" line="62"/>
        <source>The address must start with ws:// or wss:// (for example %1).</source>
        <translation>يجب أن يبدأ العنوان بـ ws:// أو wss:// (مثل %1).</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="72"/>
        <source>The address needs a host and a port, as in %1.</source>
        <translation>يجب أن يتضمن العنوان اسم المضيف ورقم المنفذ، مثل %1.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="319"/>
        <source>Connect</source>
        <translation>اتصال</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="320"/>
        <source>Connect to the selected edge node again</source>
        <translation>إعادة الاتصال بالعقدة الطرفية المحددة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="321"/>
        <source>Disconnect</source>
        <translation>فصل</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="323"/>
        <source>Close the link to the selected edge node; its vehicles keep running safely</source>
        <translation>إغلاق الوصلة مع العقدة الطرفية المحددة؛ تواصل مركباتها العمل بأمان</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="326"/>
        <source>New edge node address, e.g. %1</source>
        <translation>عنوان عقدة طرفية جديدة، مثل %1</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="328"/>
        <source>Address of an edge node to connect to</source>
        <translation>عنوان العقدة الطرفية المراد الاتصال بها</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="329"/>
        <source>Add endpoint</source>
        <translation>إضافة عنوان</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="330"/>
        <source>Connect to the edge node at this address</source>
        <translation>الاتصال بالعقدة الطرفية على هذا العنوان</translation>
    </message>
</context>
<context>
    <name>FleetPanel</name>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="256"/>
        <source>Showing %1 of %2 vehicles</source>
        <translation>عرض %1 من أصل %2 مركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="271"/>
        <source>%1: show or hide these vehicles</source>
        <translation>%1: إظهار هذه المركبات أو إخفاؤها</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="277"/>
        <source>Moving</source>
        <comment>state chip</comment>
        <translation>متحركة</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="278"/>
        <source>Working</source>
        <comment>state chip: idle, loading or dumping</comment>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="279"/>
        <source>Holding</source>
        <comment>state chip</comment>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="280"/>
        <source>Assist</source>
        <comment>state chip: assistance needed</comment>
        <translation>مساعدة</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="281"/>
        <source>Fault</source>
        <comment>state chip: fault or safe stop</comment>
        <translation>عطل</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="282"/>
        <source>Stale</source>
        <comment>state chip: no recent telemetry</comment>
        <translation>بلا تحديث</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="286"/>
        <source>Filter by vehicle, class, state or task…</source>
        <translation>تصفية حسب المركبة أو الفئة أو الحالة أو المهمة…</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="287"/>
        <source>Fleet filter</source>
        <translation>تصفية الأسطول</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="288"/>
        <source>Group by class</source>
        <translation>التجميع حسب الفئة</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="289"/>
        <source>Fleet table</source>
        <translation>جدول الأسطول</translation>
    </message>
</context>
<context>
    <name>FleetTableModel</name>
    <message>
        <location filename="../app/ui/fleet/model.py" line="69"/>
        <source>Vehicle</source>
        <comment>table column: vehicle id</comment>
        <translation>المركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="72"/>
        <source>Class</source>
        <comment>table column: vehicle class</comment>
        <translation>الفئة</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="75"/>
        <source>State</source>
        <comment>table column: vehicle state</comment>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="78"/>
        <source>Mode</source>
        <comment>table column: control mode</comment>
        <translation>النمط</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="81"/>
        <source>Speed (km/h)</source>
        <translation>السرعة (كم/س)</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="82"/>
        <source>Energy (%)</source>
        <comment>battery or fuel level</comment>
        <translation>الطاقة (٪)</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="86"/>
        <source>Link (%)</source>
        <comment>radio link quality</comment>
        <translation>جودة الاتصال (٪)</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="89"/>
        <source>Last seen</source>
        <comment>time of the latest telemetry</comment>
        <translation>آخر ظهور</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="85"/>
        <source>Task</source>
        <translation>المهمة</translation>
    </message>
</context>
<context>
    <name>KpisPanel</name>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="155"/>
        <source>%1 (%2 stale)</source>
        <translation>%1 (%2 بلا تحديث)</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="164"/>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 م.ث</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="198"/>
        <source>Vehicles</source>
        <translation>المركبات</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="199"/>
        <source>Updates/s</source>
        <translation>تحديثات/ث</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="200"/>
        <source>Latency p50 / p99</source>
        <translation>التأخير: الوسيط / المئين 99</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="201"/>
        <source>Receipts/s</source>
        <translation>إيصالات/ث</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="206"/>
        <source>Time from a vehicle&apos;s sample to the console, median and 99th percentile</source>
        <translation>الزمن من قياس المركبة حتى وصوله إلى وحدة التحكم: الوسيط والمئين التاسع والتسعون</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="208"/>
        <source>Telemetry updates and receipts per second</source>
        <translation>تحديثات القياس عن بُعد والإيصالات في الثانية</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="209"/>
        <source>End-to-end latency (ms)</source>
        <translation>التأخير من الطرف إلى الطرف (م.ث)</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="210"/>
        <source>Vehicles by state</source>
        <translation>المركبات حسب الحالة</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="212"/>
        <source>seconds</source>
        <translation>ثوانٍ</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="213"/>
        <source>updates/s</source>
        <translation>تحديثات/ث</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="214"/>
        <source>receipts/s</source>
        <translation>إيصالات/ث</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="215"/>
        <source>p50</source>
        <translation>الوسيط</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="216"/>
        <source>p99</source>
        <translation>المئين 99</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <location filename="../app/ui/panels/operator.py" line="144"/>
        <source>Signed in: %1</source>
        <translation>مسجَّل الدخول: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="146"/>
        <source>No operator signed in</source>
        <translation>لا يوجد مشغّل مسجَّل الدخول</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="147"/>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="148"/>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="149"/>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="150"/>
        <source>Sign in as another operator on this console</source>
        <translation>تسجيل الدخول باسم مشغّل آخر على وحدة التحكم هذه</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="151"/>
        <source>Sign out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="152"/>
        <source>End the current operator&apos;s session</source>
        <translation>إنهاء جلسة المشغّل الحالي</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="155"/>
        <source>Enter your user name and password.</source>
        <translation>أدخل اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="157"/>
        <source>Sign-in refused: wrong user name or password, or the account is disabled.</source>
        <translation>رُفض تسجيل الدخول: اسم المستخدم أو كلمة المرور غير صحيحة، أو الحساب معطّل.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="160"/>
        <source>Signed out. Commands are refused until an operator signs in.</source>
        <translation>تم تسجيل الخروج. تُرفض الأوامر إلى أن يسجّل مشغّل دخوله.</translation>
    </message>
</context>
<context>
    <name>PackKpisPanel</name>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="378"/>
        <source>%1 %2</source>
        <comment>value and unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="431"/>
        <source>Simulated ×%1: the vehicles are simulated and run %1 times faster than real time; these figures are per simulated hour, not a real site&apos;s output.</source>
        <translation>محاكاة ×%1: المركبات افتراضية وتعمل أسرع %1 مرة من الزمن الحقيقي؛ هذه الأرقام لكل ساعة محاكاة، وليست إنتاج موقع حقيقي.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="439"/>
        <source>minutes</source>
        <translation>دقائق</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="445"/>
        <source>higher is better</source>
        <translation>الأعلى أفضل</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="447"/>
        <source>lower is better</source>
        <translation>الأدنى أفضل</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="454"/>
        <source>target %1, %2</source>
        <translation>الهدف %1، %2</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="473"/>
        <source>No dispatcher on this site: the sector packs&apos; KPIs (tonnes per hour, queue and cycle times) appear here once a pack with task types is enabled.</source>
        <translation>لا يوجد نظام إرسال في هذا الموقع: تظهر هنا مؤشرات أداء الحزم القطاعية (الأطنان في الساعة وزمن الانتظار وزمن الدورة) بعد تفعيل حزمة تتضمن أنواع مهام.</translation>
    </message>
</context>
<context>
    <name>PacksPanel</name>
    <message>
        <location filename="../app/ui/packs_panel.py" line="55"/>
        <source>Active</source>
        <translation>مفعّلة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="56"/>
        <source>Not enabled for this site</source>
        <translation>غير مفعّلة لهذا الموقع</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="57"/>
        <source>Refused</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="58"/>
        <source>Quarantined</source>
        <translation>معزولة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="71"/>
        <source>the pack&apos;s module does not import</source>
        <translation>تعذّر استيراد وحدة الحزمة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="72"/>
        <source>Install or repair the pack, then restart the console.</source>
        <translation>ثبّت الحزمة أو أصلحها، ثم أعد تشغيل وحدة التحكم.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="77"/>
        <source>the pack&apos;s manifest is not valid</source>
        <translation>بيان تعريف الحزمة غير صالح</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="78"/>
        <source>The pack&apos;s author must fix its manifest.</source>
        <translation>على مطوّر الحزمة تصحيح بيان تعريفها.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="81"/>
        <source>the pack targets another version of the plugin API</source>
        <translation>الحزمة مُعدّة لإصدار آخر من واجهة الإضافات</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="84"/>
        <source>Install a version of the pack made for this console.</source>
        <translation>ثبّت إصدارًا من الحزمة مُعدًّا لوحدة التحكم هذه.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="89"/>
        <source>the pack failed or gave malformed data while loading</source>
        <translation>أخفقت الحزمة أو أعادت بيانات غير سليمة أثناء التحميل</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="92"/>
        <source>The pack&apos;s author must fix the hook named; the other packs work as usual.</source>
        <translation>على مطوّر الحزمة إصلاح الخطّاف المذكور؛ وتعمل الحزم الأخرى كالمعتاد.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="98"/>
        <source>the pack uses an id another pack uses</source>
        <translation>تستخدم الحزمة معرّفًا تستخدمه حزمة أخرى</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="99"/>
        <source>Enable only one of the two packs for this site, or update one.</source>
        <translation>فعّل إحدى الحزمتين فقط لهذا الموقع، أو حدّث إحداهما.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="104"/>
        <source>the pack needs another pack that is not enabled or not installed</source>
        <translation>تحتاج الحزمة إلى حزمة أخرى غير مفعّلة أو غير مثبّتة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="107"/>
        <source>Enable or install the pack it needs for this site.</source>
        <translation>فعّل الحزمة التي تحتاجها لهذا الموقع أو ثبّتها.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="112"/>
        <source>the site&apos;s settings for this pack are not valid</source>
        <translation>إعدادات الموقع لهذه الحزمة غير صالحة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="115"/>
        <source>Correct the pack&apos;s section of the site&apos;s configuration file.</source>
        <translation>صحّح قسم الحزمة في ملف إعدادات الموقع.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="120"/>
        <source>the site enables this pack but it is not installed</source>
        <translation>يفعّل الموقع هذه الحزمة لكنها غير مثبّتة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="123"/>
        <source>Install the pack, or remove it from the site&apos;s enabled packs.</source>
        <translation>ثبّت الحزمة، أو أزلها من قائمة الحزم المفعّلة للموقع.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="135"/>
        <source>parameters</source>
        <translation>معاملات</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="136"/>
        <source>vehicle profiles</source>
        <translation>ملفات تعريف المركبات</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="137"/>
        <source>rules</source>
        <translation>قواعد</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="138"/>
        <source>task types</source>
        <translation>أنواع المهام</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="139"/>
        <source>zone kinds</source>
        <translation>أنواع المناطق</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="140"/>
        <source>map layers</source>
        <translation>طبقات الخريطة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="141"/>
        <source>KPIs</source>
        <translation>مؤشرات الأداء</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="142"/>
        <source>assist playbooks</source>
        <translation>أدلة إجراءات المساعدة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="143"/>
        <source>translations</source>
        <translation>ترجمات</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="144"/>
        <source>console panels</source>
        <translation>لوحات وحدة التحكم</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="145"/>
        <source>audit defaults</source>
        <translation>إعدادات التدقيق الافتراضية</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="167"/>
        <source>%1 (details: %2)</source>
        <translation>%1 (التفاصيل: %2)</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="221"/>
        <source>Pack</source>
        <translation>الحزمة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="222"/>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="223"/>
        <source>Plugin API</source>
        <translation>واجهة الإضافات</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="224"/>
        <source>Compatible</source>
        <translation>متوافقة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="225"/>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="226"/>
        <source>Provides</source>
        <translation>ما تقدّمه</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="279"/>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="281"/>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="283"/>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="294"/>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="159"/>
        <source>in hook %1</source>
        <translation>في الخطّاف %1</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="173"/>
        <source>%1 %2 %3: what is wrong: %4. What to do: %5</source>
        <translation>%1 %2 %3: المشكلة: %4. الإجراء المطلوب: %5</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="355"/>
        <source>Sector packs: %1 active, %2 with problems, %3 found</source>
        <translation>الحزم القطاعية: %1 مفعّلة، %2 بها مشكلات، %3 موجودة</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="364"/>
        <source>Problems</source>
        <translation>المشكلات</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="366"/>
        <source>No pack problems</source>
        <translation>لا توجد مشكلات في الحزم</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../app/ui/main_window.py" line="177"/>
        <source>Site map</source>
        <translation>خريطة الموقع</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="178"/>
        <source>Fleet</source>
        <translation>الأسطول</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="180"/>
        <source>Alerts &amp; events</source>
        <translation>التنبيهات والأحداث</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="183"/>
        <source>Assist queue</source>
        <translation>قائمة طلبات المساعدة</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="185"/>
        <source>Edge links</source>
        <translation>وصلات العقد الطرفية</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="186"/>
        <source>KPIs</source>
        <translation>مؤشرات الأداء</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="187"/>
        <source>Tasks</source>
        <translation>المهام</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="189"/>
        <source>Route choice</source>
        <translation>اختيار المسار</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="193"/>
        <source>Operations KPIs</source>
        <translation>مؤشرات التشغيل</translation>
    </message>
    <message>
        <location filename="../app/ui/pack_panels.py" line="69"/>
        <source>Sector packs</source>
        <translation>الحزم القطاعية</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="169"/>
        <source>Operator</source>
        <translation>المشغّل</translation>
    </message>
</context>
<context>
    <name>RouteChooserPanel</name>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="160"/>
        <source>Select a vehicle first (map, fleet table or task board).</source>
        <translation>اختر مركبة أولاً (من الخريطة أو جدول الأسطول أو لوحة المهام).</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="177"/>
        <source>One route: no other trades time, energy or risk differently.</source>
        <translation>مسار واحد: لا يوجد غيره يوازن بين الزمن والطاقة والمخاطر على نحو مختلف.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="179"/>
        <source>Two routes, neither better than the other on every criterion.</source>
        <translation>مساران، لا يتفوق أيٌّ منهما على الآخر في كل المعايير.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="181"/>
        <source>%1 routes that do not dominate one another.</source>
        <translation>%1 مسارات لا يتفوق أيٌّ منها على غيره في كل المعايير.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="185"/>
        <source>The search stopped at its bound: others may exist.</source>
        <translation>توقف البحث عند حدّه: قد توجد مسارات أخرى.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="203"/>
        <source>No route from vehicle %1 to %2: %3</source>
        <translation>لا يوجد مسار من المركبة %1 إلى %2: %3</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="213"/>
        <source>No route to this destination under the active policy.</source>
        <translation>لا يوجد مسار إلى هذه الوجهة وفق السياسة السارية.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="253"/>
        <source>%1 MJ</source>
        <translation>%1 ميغاجول</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="255"/>
        <source>%1 km</source>
        <translation>%1 كم</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="285"/>
        <source>Dominated by route %1: worse on every criterion</source>
        <translation>يتفوق عليه المسار %1: أسوأ في كل المعايير</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="290"/>
        <source>Fastest</source>
        <translation>الأسرع</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="292"/>
        <source>time</source>
        <translation>الزمن</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="292"/>
        <source>energy</source>
        <translation>الطاقة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="292"/>
        <source>risk</source>
        <translation>المخاطر</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="302"/>
        <source>Against the fastest: %1</source>
        <translation>مقارنة بالأسرع: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="321"/>
        <source>No dispatcher on this site: routes can be chosen once a sector pack with task types is enabled.</source>
        <translation>لا يوجد نظام إرسال في هذا الموقع: يمكن اختيار المسارات بعد تفعيل حزمة قطاعية تتضمن أنواع مهام.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="328"/>
        <source>Routes that trade time, energy and risk against one another: select one to preview it on the map, then send it to the vehicle.</source>
        <translation>مسارات توازن بين الزمن والطاقة والمخاطر: اختر مساراً لمعاينته على الخريطة، ثم أرسله إلى المركبة.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="336"/>
        <source>Vehicle %1</source>
        <translation>المركبة %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="338"/>
        <source>No vehicle selected</source>
        <translation>لم تُحدَّد مركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="340"/>
        <source>Destination</source>
        <translation>الوجهة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="341"/>
        <source>Find routes</source>
        <translation>البحث عن المسارات</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="342"/>
        <source>Send route</source>
        <translation>إرسال المسار</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="345"/>
        <source>#</source>
        <comment>route number</comment>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="346"/>
        <source>Time</source>
        <translation>الزمن</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="347"/>
        <source>Energy</source>
        <translation>الطاقة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="348"/>
        <source>Risk</source>
        <translation>المخاطر</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="349"/>
        <source>Length</source>
        <translation>الطول</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="350"/>
        <source>Trade-off</source>
        <translation>المفاضلة</translation>
    </message>
</context>
<context>
    <name>SiteMapView</name>
    <message>
        <location filename="../app/ui/map/overlays.py" line="30"/>
        <source>Moving</source>
        <comment>vehicle state group</comment>
        <translation>متحركة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="33"/>
        <source>Working / idle</source>
        <comment>vehicle state group: idle, loading or dumping</comment>
        <translation>قيد العمل / خاملة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="36"/>
        <source>Holding</source>
        <comment>vehicle state group</comment>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="39"/>
        <source>Assist needed</source>
        <comment>vehicle state group</comment>
        <translation>تحتاج مساعدة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="42"/>
        <source>Fault / safe stop</source>
        <comment>vehicle state group</comment>
        <translation>عطل / توقف آمن</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="45"/>
        <source>Stale (no telemetry)</source>
        <comment>vehicle state group</comment>
        <translation>بلا تحديث (لا قياسات)</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="79"/>
        <location filename="../app/ui/map/view.py" line="144"/>
        <source>Vehicles</source>
        <translation>المركبات</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="86"/>
        <location filename="../app/ui/map/site_layer.py" line="67"/>
        <source>Blast zone</source>
        <translation>منطقة تفجير</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="91"/>
        <location filename="../app/ui/map/site_layer.py" line="68"/>
        <source>Closed road</source>
        <translation>طريق مغلق</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="96"/>
        <location filename="../app/ui/map/site_layer.py" line="69"/>
        <source>Exclusion zone</source>
        <translation>منطقة محظورة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="104"/>
        <source>Closed by an operator</source>
        <comment>legend: zone closed at run time</comment>
        <translation>مغلقة من قِبل مشغّل</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="187"/>
        <source>%1 km</source>
        <translation>%1 كم</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="191"/>
        <source>%1 m</source>
        <translation>%1 م</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="241"/>
        <source>N</source>
        <comment>north, on the map&apos;s north arrow</comment>
        <translation>ش</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="70"/>
        <source>Pedestrian area</source>
        <translation>منطقة مشاة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="71"/>
        <source>Speed limit</source>
        <translation>حد السرعة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="72"/>
        <source>Workshop area</source>
        <translation>منطقة الورشة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="73"/>
        <source>Emission control (EMCON)</source>
        <translation>منطقة ضبط الانبعاثات</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="91"/>
        <source>Speed limit</source>
        <comment>VDA 5050 zone type</comment>
        <translation>حد السرعة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="112"/>
        <source>Closed by %1</source>
        <comment>zone closed at run time; %1 operator</comment>
        <translation>مغلقة من قِبل %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="116"/>
        <source>Closed by %1 until %2</source>
        <comment>zone closed at run time; %1 operator, %2 time</comment>
        <translation>مغلقة من قِبل %1 حتى الساعة %2</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="264"/>
        <source>%1 km/h</source>
        <translation>%1 كم/س</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="270"/>
        <source>(inactive)</source>
        <comment>zone not in force</comment>
        <translation>(غير مفعّلة)</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="397"/>
        <source>Loading unit</source>
        <translation>وحدة تحميل</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="398"/>
        <source>Dump</source>
        <translation>مكبّ</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="399"/>
        <source>Crusher</source>
        <translation>الكسّارة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="400"/>
        <source>Workshop</source>
        <translation>الورشة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="401"/>
        <source>Fuel bay</source>
        <translation>محطة الوقود</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="402"/>
        <source>Parking</source>
        <translation>موقف</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="158"/>
        <location filename="../app/ui/map/view.py" line="622"/>
        <source>Site map</source>
        <translation>خريطة الموقع</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="128"/>
        <source>Zones</source>
        <translation>المناطق</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="131"/>
        <source>Roads and ramps</source>
        <translation>الطرق والمنحدرات</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="136"/>
        <source>Points of interest</source>
        <translation>نقاط الاهتمام</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="141"/>
        <source>Zone and place names</source>
        <translation>أسماء المناطق والأماكن</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="147"/>
        <source>Vehicle labels</source>
        <translation>تسميات المركبات</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="152"/>
        <source>Legend</source>
        <comment>map legend</comment>
        <translation>مفتاح الخريطة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="81"/>
        <source>No entry</source>
        <comment>VDA 5050 zone type</comment>
        <translation>ممنوع الدخول</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="82"/>
        <source>Line-guided</source>
        <comment>VDA 5050 zone type</comment>
        <translation>مسار موجَّه بخط</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="85"/>
        <source>Release required</source>
        <comment>VDA 5050 zone type</comment>
        <translation>الدخول بإذن</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="88"/>
        <source>Coordinated replanning</source>
        <comment>VDA 5050 zone type</comment>
        <translation>إعادة تخطيط منسّقة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="94"/>
        <source>Action zone</source>
        <comment>VDA 5050 zone type</comment>
        <translation>منطقة إجراء</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="95"/>
        <source>Priority zone</source>
        <comment>VDA 5050 zone type</comment>
        <translation>منطقة أولوية</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="98"/>
        <source>Penalty zone</source>
        <comment>VDA 5050 zone type</comment>
        <translation>منطقة غير مفضّلة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="99"/>
        <source>One-way</source>
        <comment>VDA 5050 zone type</comment>
        <translation>اتجاه واحد</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="100"/>
        <source>Two-way</source>
        <comment>VDA 5050 zone type</comment>
        <translation>اتجاهان</translation>
    </message>
    <message>
        <location filename="../app/ui/map/route_layer.py" line="38"/>
        <source>Vehicle routes</source>
        <comment>map layer</comment>
        <translation>مسارات المركبات</translation>
    </message>
</context>
<context>
    <name>TaskBoard</name>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="286"/>
        <source>Task</source>
        <translation>المهمة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="287"/>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="288"/>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="289"/>
        <source>From → to</source>
        <translation>من ← إلى</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="290"/>
        <source>Vehicle</source>
        <translation>المركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="291"/>
        <source>Priority</source>
        <translation>الأولوية</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="292"/>
        <source>Age</source>
        <translation>منذ</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="293"/>
        <source>Last change</source>
        <translation>آخر تغيير</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="294"/>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="335"/>
        <source>%1 → %2</source>
        <comment>origin to destination</comment>
        <translation>%1 ← %2</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="350"/>
        <source>%1 (override)</source>
        <translation>%1 (تجاوز يدوي)</translation>
    </message>
</context>
<context>
    <name>TaskBoardPanel</name>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="627"/>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="630"/>
        <source>All vehicles</source>
        <translation>كل المركبات</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="656"/>
        <source>No vehicle selected</source>
        <translation>لم تُحدَّد مركبة</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="661"/>
        <source>Vehicle %1: not dispatched</source>
        <translation>المركبة %1: خارج نظام الإرسال</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="665"/>
        <source>Vehicle %1: %2</source>
        <translation>المركبة %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="670"/>
        <source>(held by %1)</source>
        <translation>(علّقها %1)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="673"/>
        <source>(pinned to %1 by %2)</source>
        <translation>(ثبّتها %2 على %1)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="704"/>
        <source>No dispatcher on this site: enable a sector pack with task types to dispatch vehicles from here.</source>
        <translation>لا يوجد نظام إرسال في هذا الموقع: فعّل حزمة قطاعية تتضمن أنواع مهام لإرسال المركبات من هنا.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="711"/>
        <source>Filter tasks: id, place, vehicle, type</source>
        <translation>تصفية المهام: المعرّف، المكان، المركبة، النوع</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="712"/>
        <source>Reason for the override (recorded)</source>
        <translation>سبب التجاوز (يُسجَّل)</translation>
    </message>
</context>
<context>
    <name>VehicleStates</name>
    <message>
        <location filename="../app/ui/states.py" line="32"/>
        <source>Idle</source>
        <translation>خاملة</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="33"/>
        <source>Moving</source>
        <translation>متحركة</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="34"/>
        <source>Loading</source>
        <translation>تحميل</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="35"/>
        <source>Dumping</source>
        <translation>تفريغ</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="36"/>
        <source>Holding</source>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="37"/>
        <source>Assist needed</source>
        <translation>تحتاج مساعدة</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="38"/>
        <source>Safe stop</source>
        <translation>توقف آمن</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="39"/>
        <source>Fault</source>
        <translation>عطل</translation>
    </message>
</context>
<context>
    <name>VehicleText</name>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="31"/>
        <source>Idle</source>
        <comment>vehicle state</comment>
        <translation>خاملة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="32"/>
        <source>Moving</source>
        <comment>vehicle state</comment>
        <translation>متحركة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="33"/>
        <source>Loading</source>
        <comment>vehicle state</comment>
        <translation>تحميل</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="34"/>
        <source>Dumping</source>
        <comment>vehicle state</comment>
        <translation>تفريغ</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="35"/>
        <source>Holding</source>
        <comment>vehicle state</comment>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="36"/>
        <source>Assist needed</source>
        <comment>vehicle state</comment>
        <translation>تحتاج مساعدة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="39"/>
        <source>Safe stop</source>
        <comment>vehicle state</comment>
        <translation>توقف آمن</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="42"/>
        <source>Fault</source>
        <comment>vehicle state</comment>
        <translation>عطل</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="49"/>
        <source>Stale</source>
        <comment>vehicle with no recent telemetry</comment>
        <translation>بلا تحديث</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="54"/>
        <source>No telemetry yet</source>
        <translation>لا قياسات بعد</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="60"/>
        <source>Autonomous</source>
        <comment>vehicle control mode</comment>
        <translation>ذاتية القيادة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="63"/>
        <source>Manual</source>
        <comment>vehicle control mode</comment>
        <translation>يدوية</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="66"/>
        <source>Remote assist</source>
        <comment>vehicle control mode</comment>
        <translation>مساعدة عن بُعد</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="69"/>
        <source>Maintenance</source>
        <comment>vehicle control mode</comment>
        <translation>صيانة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="79"/>
        <source>Haul truck</source>
        <translation>شاحنة نقل</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="80"/>
        <source>Light vehicle</source>
        <translation>مركبة خفيفة</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="81"/>
        <source>Water truck</source>
        <translation>صهريج مياه</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="89"/>
        <source>%1 s ago</source>
        <translation>قبل %1 ث</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="92"/>
        <source>%1 min ago</source>
        <translation>قبل %1 د</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="107"/>
        <source>State: %1</source>
        <translation>الحالة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="109"/>
        <source>Mode: %1</source>
        <translation>النمط: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="113"/>
        <source>Speed: %1 km/h</source>
        <translation>السرعة: %1 كم/س</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="116"/>
        <source>Energy: %1 %</source>
        <translation>الطاقة: %1 ٪</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="120"/>
        <source>none</source>
        <comment>no task assigned</comment>
        <translation>لا يوجد</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="122"/>
        <source>Task: %1</source>
        <translation>المهمة: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="127"/>
        <source>Link: %1 %</source>
        <translation>جودة الاتصال: %1 ٪</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="133"/>
        <source>Faults: %1</source>
        <translation>الأعطال: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="139"/>
        <source>Last seen: %1</source>
        <translation>آخر ظهور: %1</translation>
    </message>
</context>
</TS>
