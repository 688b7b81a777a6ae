package org.civitas.catalogue.service;

import java.util.ArrayList;
import java.util.List;

import org.civitas.catalogue.service.ServiceInput.QuestionInput;
import org.civitas.catalogue.service.ServiceInput.SlaInput;
import org.civitas.catalogue.service.ServiceInput.ValueInput;
import org.civitas.platform.DemoBody;
import org.civitas.platform.DemoSeeder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Riverside Borough Council's services, live, each owned by one of the demo teams (seeded at 10).
 * The wording is the demo body's data, as a council would enter it, not Civitas's own text: in
 * English and in Welsh, so they are published complete when the body offers both.
 */
@Component
@Order(15)
class DemoServices implements DemoSeeder {

    private final ServiceCatalogue catalogue;

    DemoServices(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void seed(DemoBody demo) {
        for (ServiceInput service : services()) {
            catalogue.create(service, team -> true);
            catalogue.publish(service.code(), team -> true);
            if ("batch".equals(service.type())) {
                catalogue.allowAnonymousRequests(service.code(), false); // applications: the council has to answer someone
            }
        }
    }

    /** Applications and anything about a person: kept out of keyless lists, their location and description sealed. */
    static final java.util.Set<String> PRIVATE = java.util.Set.of("parking-permit", "noise", "bulky-waste");

    /** Answers that are personal data, sealed for the requester whatever the service. */
    static final java.util.Set<String> PERSONAL_ANSWERS = java.util.Set.of("vehicle_registration", "access", "pattern");

    static List<ServiceInput> services() {
        return basic().stream().map(DemoServices::withPrivacy).toList();
    }

    private static ServiceInput withPrivacy(ServiceInput s) {
        List<QuestionInput> questions = s.questions().stream().map(q -> new QuestionInput(q.code(), q.datatype(), q.required(),
                q.variable(), q.description(), q.datatypeDescription(), q.values(), PERSONAL_ANSWERS.contains(q.code()), q.descriptionCy(),
                q.datatypeDescriptionCy())).toList();
        return new ServiceInput(s.code(), s.name(), s.description(), s.group(), s.keywords(), s.type(), s.team(), s.sla(), questions,
                s.retentionDays(), s.anonymousRequests(), PRIVATE.contains(s.code()) ? "private" : "public", s.nameCy(), s.descriptionCy());
    }

    private static List<ServiceInput> basic() {
        List<ServiceInput> services = new ArrayList<>();
        services.add(service("pothole", "Pothole", "Twll yn y ffordd",
                "Report a pothole or a sunken area in a road, pavement or cycle path.",
                "Rhoi gwybod am dwll neu bant yn y ffordd, ar y palmant neu ar lwybr beicio.",
                "Roads and pavements", List.of("pothole", "road", "pavement", "cycle path", "twll", "ffordd", "palmant"), "realtime",
                "highways", days(5),
                list("size", true, "How big is the pothole?", "Pa mor fawr yw’r twll?",
                        "Compare it with a dinner plate, about 25 cm across", "Cymharwch ef â phlât cinio, tua 25 cm ar ei draws",
                        value("small", "Smaller than a dinner plate", "Llai na phlât cinio"),
                        value("medium", "About the size of a dinner plate", "Tua maint plât cinio"),
                        value("large", "Larger than a dinner plate", "Mwy na phlât cinio")),
                question("depth", "number", false, "About how deep is it, in centimetres?", "Tua pa mor ddwfn yw e, mewn centimetrau?",
                        "A number, such as 5", "Rhif, fel 5"),
                list("surface", true, "Where is it?", "Ble mae e?", null, null,
                        value("road", "On the road", "Ar y ffordd"), value("pavement", "On the pavement", "Ar y palmant"),
                        value("cycle_path", "On a cycle path", "Ar lwybr beicio"))));
        services.add(service("street-light", "Street light fault", "Golau stryd wedi torri",
                "Report a street light that is out, stays on in the day, flickers or is damaged.",
                "Rhoi gwybod am olau stryd sydd ddim yn gweithio, sy’n aros ymlaen yn ystod y dydd, sy’n fflachio neu sydd wedi’i ddifrodi.",
                "Roads and pavements", List.of("street light", "lamp", "lighting", "golau stryd"), "realtime", "highways", days(3),
                question("column_number", "string", false, "What is the number on the lamp post?", "Beth yw’r rhif ar y postyn lamp?",
                        "Usually on a small plate about head height, such as RB123", "Fel arfer ar blât bach tua uchder eich pen, fel RB123"),
                list("fault", true, "What is wrong with the light?", "Beth sydd o’i le ar y golau?", null, null,
                        value("out", "It is not working", "Dydy e ddim yn gweithio"),
                        value("day_burning", "It stays on during the day", "Mae’n aros ymlaen yn ystod y dydd"),
                        value("flickering", "It flickers", "Mae’n fflachio"),
                        value("damaged", "The post or lamp is damaged", "Mae’r postyn neu’r lamp wedi’i ddifrodi"))));
        services.add(service("fly-tipping", "Fly-tipping", "Tipio anghyfreithlon",
                "Report rubbish dumped on public land, such as in a street, alley or park.",
                "Rhoi gwybod am sbwriel sydd wedi’i adael ar dir cyhoeddus, fel ar y stryd, mewn lôn gefn neu mewn parc.",
                "Rubbish and recycling", List.of("fly-tipping", "dumped rubbish", "rubbish", "tipio", "sbwriel"), "realtime", "environment",
                days(2),
                multi("waste_type", true, "What has been dumped?", "Beth sydd wedi cael ei adael?",
                        "Choose all that apply", "Dewiswch bob un sy’n berthnasol",
                        value("bags", "Black bags", "Bagiau duon"), value("furniture", "Furniture", "Dodrefn"),
                        value("building", "Building rubble", "Rwbel adeiladu"),
                        value("electrical", "Fridges or other electrical items", "Oergelloedd neu eitemau trydanol eraill"),
                        value("hazardous", "Chemicals, asbestos or needles", "Cemegion, asbestos neu nodwyddau"),
                        value("other", "Something else", "Rhywbeth arall")),
                list("amount", true, "How much is there?", "Faint sydd yno?", null, null,
                        value("single", "A single item or bag", "Un eitem neu un bag"), value("car_boot", "A car boot load", "Llond cist car"),
                        value("van", "A van load or more", "Llond fan neu fwy")),
                question("seen_dumping", "datetime", false, "If you saw it being dumped, when was that?",
                        "Os gwelsoch chi rywun yn ei adael, pryd oedd hynny?",
                        "A date and time, such as 2026-03-10T14:30:00Z", "Dyddiad ac amser, fel 2026-03-10T14:30:00Z")));
        services.add(service("missed-bin", "Missed bin collection", "Bin heb ei gasglu",
                "Tell us if we did not empty your bin on your collection day.",
                "Rhowch wybod i ni os na wnaethon ni wagio’ch bin ar eich diwrnod casglu.",
                "Rubbish and recycling", List.of("bin", "missed collection", "recycling", "casglu", "ailgylchu"), "realtime", "waste", days(2),
                multi("bins", true, "Which bins were missed?", "Pa finiau na chafodd eu casglu?",
                        "Choose all that apply", "Dewiswch bob un sy’n berthnasol",
                        value("refuse", "General rubbish (grey bin)", "Sbwriel cyffredinol (bin llwyd)"),
                        value("recycling", "Recycling (blue bin)", "Ailgylchu (bin glas)"),
                        value("food", "Food waste (green caddy)", "Gwastraff bwyd (cadi gwyrdd)"),
                        value("garden", "Garden waste (brown bin)", "Gwastraff gardd (bin brown)")),
                note("collection_note", "Please put your bins out by 7am on your collection day. We cannot come back for bins put out late.",
                        "Rhowch eich biniau allan erbyn 7am ar eich diwrnod casglu. Allwn ni ddim dod yn ôl am finiau sy’n cael eu rhoi allan yn hwyr."),
                list("bin_out", true, "Was the bin out by 7am on your collection day?", "Oedd y bin allan erbyn 7am ar eich diwrnod casglu?",
                        null, null, value("yes", "Yes", "Oedd"), value("no", "No", "Nac oedd"))));
        services.add(service("graffiti", "Graffiti", "Graffiti",
                "Report graffiti on public property, such as walls, bridges, signs and bus shelters.",
                "Rhoi gwybod am graffiti ar eiddo cyhoeddus, fel waliau, pontydd, arwyddion a chysgodfannau bws.",
                "Streets and public spaces", List.of("graffiti", "vandalism", "fandaliaeth"), "realtime", "environment", days(10),
                list("offensive", true, "Is the graffiti offensive or racist?", "Ydy’r graffiti’n sarhaus neu’n hiliol?",
                        "We remove offensive graffiti within one working day", "Rydyn ni’n cael gwared ar graffiti sarhaus o fewn un diwrnod gwaith",
                        value("yes", "Yes", "Ydy"), value("no", "No", "Nac ydy")),
                list("surface", false, "What is it on?", "Ar beth mae e?", null, null,
                        value("wall", "A wall", "Wal"), value("bridge", "A bridge", "Pont"),
                        value("sign", "A sign or street furniture", "Arwydd neu gelfi stryd"),
                        value("bus_shelter", "A bus shelter", "Cysgodfan bws"))));
        services.add(service("noise", "Noise complaint", "Cwyn am sŵn",
                "Report noise that is happening again and again, such as loud music, barking or building work.",
                "Rhoi gwybod am sŵn sy’n digwydd dro ar ôl tro, fel cerddoriaeth uchel, cŵn yn cyfarth neu waith adeiladu.",
                "Environmental health", List.of("noise", "music", "barking", "nuisance", "sŵn"), "realtime", "environment", days(5),
                list("source", true, "What is making the noise?", "Beth sy’n gwneud y sŵn?", null, null,
                        value("music", "Music or parties", "Cerddoriaeth neu bartïon"), value("dog", "Barking dogs", "Cŵn yn cyfarth"),
                        value("building", "Building work", "Gwaith adeiladu"), value("alarm", "Alarms", "Larymau"),
                        value("business", "A pub, shop or business", "Tafarn, siop neu fusnes"),
                        value("other", "Something else", "Rhywbeth arall")),
                question("started", "datetime", true, "When did the noise start?", "Pryd dechreuodd y sŵn?",
                        "A date and time, such as 2026-03-10T23:00:00Z", "Dyddiad ac amser, fel 2026-03-10T23:00:00Z"),
                question("pattern", "text", false, "How often does it happen, and for how long?", "Pa mor aml mae’n digwydd, ac am ba hyd?",
                        null, null)));
        services.add(service("blocked-drain", "Blocked drain", "Draen wedi blocio",
                "Report a blocked road drain (gully) or flooding on a road or pavement.",
                "Rhoi gwybod am ddraen ffordd (gwli) wedi blocio neu am lifogydd ar y ffordd neu ar y palmant.",
                "Roads and pavements", List.of("drain", "gully", "flooding", "draen", "llifogydd"), "realtime", "highways", hours(24),
                list("flooding", true, "Is the water flooding a road, pavement or property?",
                        "Ydy’r dŵr yn gorlifo dros y ffordd, y palmant neu eiddo?", null, null,
                        value("none", "No, the drain is just blocked", "Nac ydy, dim ond wedi blocio mae’r draen"),
                        value("road", "The road or pavement is flooding", "Mae llifogydd ar y ffordd neu’r palmant"),
                        value("property", "Water is getting into a property", "Mae dŵr yn mynd i mewn i eiddo")),
                question("smell", "string", false, "Is there a bad smell? Tell us what you notice.",
                        "Oes arogl drwg? Dywedwch wrthon ni beth rydych chi wedi sylwi arno.", null, null)));
        services.add(service("tree", "Tree problem", "Problem gyda choeden",
                "Report a council tree that is dangerous, fallen, overgrown or damaged.",
                "Rhoi gwybod am goeden y cyngor sy’n beryglus, sydd wedi cwympo, wedi tyfu’n wyllt neu wedi’i difrodi.",
                "Parks and trees", List.of("tree", "branch", "overgrown", "coeden", "cangen"), "realtime", "parks", days(10),
                list("problem", true, "What is the problem?", "Beth yw’r broblem?", null, null,
                        value("fallen", "The tree or a large branch has fallen", "Mae’r goeden neu gangen fawr wedi cwympo"),
                        value("dangerous", "It looks dangerous", "Mae’n edrych yn beryglus"),
                        value("overgrown", "It is blocking a path, sign or light", "Mae’n blocio llwybr, arwydd neu olau"),
                        value("roots", "Roots are damaging a pavement", "Mae’r gwreiddiau’n difrodi palmant"),
                        value("damaged", "It has been damaged", "Mae wedi cael ei difrodi")),
                list("blocking", false, "Is it blocking a road or path now?", "Ydy hi’n blocio ffordd neu lwybr nawr?", null, null,
                        value("yes", "Yes", "Ydy"), value("no", "No", "Nac ydy"))));
        services.add(service("bulky-waste", "Bulky waste collection", "Casglu gwastraff swmpus",
                "Book a collection of large household items, such as furniture and fridges.",
                "Trefnu i ni gasglu eitemau mawr o’r cartref, fel dodrefn ac oergelloedd.",
                "Rubbish and recycling", List.of("bulky waste", "furniture", "collection", "gwastraff swmpus", "dodrefn"), "batch", "waste",
                days(10),
                multi("items", true, "What do you want us to collect?", "Beth rydych chi eisiau i ni ei gasglu?",
                        "Choose all that apply. Up to 5 items per collection", "Dewiswch bob un sy’n berthnasol. Hyd at 5 eitem bob tro",
                        value("sofa", "Sofa or armchair", "Soffa neu gadair freichiau"), value("bed", "Bed or mattress", "Gwely neu fatres"),
                        value("fridge", "Fridge or freezer", "Oergell neu rewgell"),
                        value("washing_machine", "Washing machine", "Peiriant golchi"),
                        value("table", "Table or chairs", "Bwrdd neu gadeiriau"), value("other", "Something else", "Rhywbeth arall")),
                question("item_count", "number", true, "How many items are there in total?", "Faint o eitemau sydd yna i gyd?",
                        "A number from 1 to 5", "Rhif o 1 i 5"),
                question("access", "text", false, "Where will the items be, and how do we reach them?",
                        "Ble bydd yr eitemau, a sut gallwn ni eu cyrraedd?", null, null)));
        services.add(service("parking-permit", "Residents’ parking permit application",
                "Gwneud cais am drwydded parcio i breswylwyr",
                "Apply for a permit to park in your residents’ parking zone.",
                "Gwneud cais am drwydded i barcio yn eich parth parcio i breswylwyr.",
                "Parking", List.of("parking", "permit", "residents", "parcio", "trwydded"), "batch", "parking", days(10),
                question("vehicle_registration", "string", true, "What is the vehicle’s registration number?",
                        "Beth yw rhif cofrestru’r cerbyd?", "For example, AB12 CDE", "Er enghraifft, AB12 CDE"),
                list("zone", true, "Which parking zone do you live in?", "Ym mha barth parcio rydych chi’n byw?",
                        "It is on the signs at the start of your street", "Mae ar yr arwyddion ar ddechrau eich stryd",
                        value("a", "Zone A – Town centre", "Parth A – Canol y dref"), value("b", "Zone B – Riverside", "Parth B – Glan yr afon"),
                        value("c", "Zone C – Station", "Parth C – Yr orsaf")),
                list("permit_length", true, "How long do you want the permit for?", "Am ba hyd rydych chi eisiau’r drwydded?", null, null,
                        value("3m", "3 months", "3 mis"), value("12m", "12 months", "12 mis")),
                question("start_date", "datetime", false, "When should the permit start?", "Pryd dylai’r drwydded ddechrau?",
                        "A date and time, such as 2026-04-01T00:00:00+01:00", "Dyddiad ac amser, fel 2026-04-01T00:00:00+01:00")));
        return services;
    }

    private static ServiceInput service(String code, String name, String nameCy, String description, String descriptionCy, String group,
                                        List<String> keywords, String type, String team, SlaInput sla, QuestionInput... questions) {
        return new ServiceInput(code, name, description, group, keywords, type, team, sla, List.of(questions), null, null, null, nameCy,
                descriptionCy);
    }

    private static SlaInput days(int days) {
        return new SlaInput(days, "working_days");
    }

    private static SlaInput hours(int hours) {
        return new SlaInput(hours, "working_hours");
    }

    private static QuestionInput question(String code, String datatype, boolean required, String text, String textCy, String help,
                                          String helpCy) {
        return new QuestionInput(code, datatype, required, true, text, help, null, null, textCy, helpCy);
    }

    /** Information shown with the questions that takes no answer (Open311 variable=false). */
    private static QuestionInput note(String code, String text, String textCy) {
        return new QuestionInput(code, "string", false, false, text, null, null, null, textCy, null);
    }

    private static QuestionInput list(String code, boolean required, String text, String textCy, String help, String helpCy,
                                      ValueInput... values) {
        return new QuestionInput(code, "singlevaluelist", required, true, text, help, List.of(values), null, textCy, helpCy);
    }

    private static QuestionInput multi(String code, boolean required, String text, String textCy, String help, String helpCy,
                                       ValueInput... values) {
        return new QuestionInput(code, "multivaluelist", required, true, text, help, List.of(values), null, textCy, helpCy);
    }

    private static ValueInput value(String key, String name, String nameCy) {
        return new ValueInput(key, name, nameCy);
    }
}
